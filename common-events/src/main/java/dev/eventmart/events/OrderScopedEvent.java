package dev.eventmart.events;

import java.util.UUID;

/**
 * An event about one order: every saga step, its compensation and its notification. Keyed by order id, so all
 * of one order's events share a partition per topic.
 */
public interface OrderScopedEvent extends DomainEvent {

    UUID orderId();

    @Override
    default String subject() {
        return orderId().toString();
    }
}
