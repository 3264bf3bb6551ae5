package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Stock reserved and payment authorized: the order is final. Inventory turns the reservation into a sale. */
public record OrderConfirmed(@Required UUID orderId, String customerId, String customerEmail,
        @Required List<OrderLine> lines, @Required Money total, UUID paymentId, @Required Instant confirmedAt)
        implements OrderScopedEvent {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        lines = List.copyOf(lines);
    }
}
