package dev.eventmart.notification.notifying;

import java.util.UUID;

/**
 * An attempt at a notification failed in a way that may pass later (mail server away, {@code 4xx}): the listener
 * error handler redelivers its event with backoff. Names the notification so that, once the retries are used up,
 * the notification can be marked {@code FAILED} before its event goes to the dead-letter topic.
 */
class NotificationNotSent extends RuntimeException {

    private final UUID notificationId;

    NotificationNotSent(UUID notificationId, String message, Throwable cause) {
        super(message, cause);
        this.notificationId = notificationId;
    }

    UUID notificationId() {
        return notificationId;
    }
}
