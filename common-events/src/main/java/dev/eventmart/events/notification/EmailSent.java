package dev.eventmart.events.notification;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A customer notification left by email; {@code type} is e.g. {@code ORDER_CONFIRMED}. */
public record EmailSent(@Required UUID notificationId, @Required UUID orderId, @Required String type, String recipient,
        @Required Instant sentAt) implements OrderScopedEvent {

    public EmailSent {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
