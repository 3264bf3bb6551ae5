package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A customer placed an order; inventory is asked to reserve its lines. Starts the saga. */
public record OrderPlaced(@Required UUID orderId, @Required String customerId, String customerEmail,
        @Required List<OrderLine> lines, @Required Money total, ShippingAddress shippingAddress,
        @Required Instant placedAt) implements OrderScopedEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placedAt");
        lines = List.copyOf(lines);
    }
}
