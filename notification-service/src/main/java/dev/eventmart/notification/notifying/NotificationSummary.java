package dev.eventmart.notification.notifying;

import java.time.Instant;
import java.util.UUID;

/** A notification as listed over REST, without its bodies. */
record NotificationSummary(UUID notificationId, UUID orderId, String customerId, String recipient,
        NotificationType type, NotificationChannel channel, String subject, NotificationStatus status, int attempts,
        String lastError, Instant createdAt, Instant sentAt) {

    static NotificationSummary of(Notification notification) {
        return new NotificationSummary(notification.notificationId(), notification.orderId(),
                notification.customerId(), notification.recipient(), notification.type(), notification.channel(),
                notification.subject(), notification.status(), notification.attempts(), notification.lastError(),
                notification.createdAt(), notification.sentAt());
    }
}
