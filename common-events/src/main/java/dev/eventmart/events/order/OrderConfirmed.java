package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Stock reserved and payment authorized: the order is final. Inventory turns the reservation into a sale. */
public record OrderConfirmed(UUID orderId, String customerId, String customerEmail, List<OrderLine> lines,
        Money total, UUID paymentId, Instant confirmedAt) implements OrderScopedEvent {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        lines = List.copyOf(lines);
    }
}
