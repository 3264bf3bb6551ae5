package dev.eventmart.notification.notifying;

/** How a notification reaches the customer. Email only, for now; the log channel stands in for SMTP locally. */
enum NotificationChannel {
    EMAIL
}
