package dev.eventmart.events.order;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Stock reserved and payment authorized: the order is final. Inventory turns the reservation into a sale. */
public record OrderConfirmed(UUID orderId, String customerId, String customerEmail, List<OrderLine> lines,
        Money total, UUID paymentId, Instant confirmedAt) implements DomainEvent {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        lines = List.copyOf(lines);
    }

    @Override
    public String subject() {
        return orderId.toString();
    }
}
