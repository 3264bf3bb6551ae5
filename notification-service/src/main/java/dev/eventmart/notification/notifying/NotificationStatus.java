package dev.eventmart.notification.notifying;

/**
 * Where a notification stands. {@code PENDING}: claimed, not (yet) accepted by the mail server; {@code SENT}: final;
 * {@code FAILED}: given up after the retry budget or a permanent refusal, its event is in the dead-letter topic.
 */
enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
