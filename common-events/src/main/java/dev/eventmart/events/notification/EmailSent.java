package dev.eventmart.events.notification;

import dev.eventmart.events.OrderScopedEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A customer notification left by email; {@code type} is e.g. {@code ORDER_CONFIRMED}. */
public record EmailSent(UUID notificationId, UUID orderId, String type, String recipient, Instant sentAt)
        implements OrderScopedEvent {

    public EmailSent {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
