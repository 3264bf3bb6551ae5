package dev.eventmart.notification.notifying;

import java.time.Instant;
import java.util.UUID;

/** One notification over REST, with the text and HTML bodies that were (or are to be) sent. */
record NotificationDetails(UUID notificationId, UUID orderId, String customerId, String recipient,
        NotificationType type, NotificationChannel channel, String subject, NotificationStatus status, int attempts,
        String lastError, Instant createdAt, Instant sentAt, String textBody, String htmlBody) {

    static NotificationDetails of(Notification notification) {
        return new NotificationDetails(notification.notificationId(), notification.orderId(),
                notification.customerId(), notification.recipient(), notification.type(), notification.channel(),
                notification.subject(), notification.status(), notification.attempts(), notification.lastError(),
                notification.createdAt(), notification.sentAt(), notification.textBody(), notification.htmlBody());
    }
}
