package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The order ended without a sale. Inventory releases any reservation, payment refunds anything authorized.
 * May arrive before the {@link OrderPlaced} it cancels; handlers must tolerate that.
 */
public record OrderCancelled(@Required UUID orderId, String customerId, String customerEmail,
        @Required List<OrderLine> lines, Money total, @Required CancellationReason reason, String detail,
        @Required Instant cancelledAt) implements OrderScopedEvent {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
        lines = List.copyOf(lines);
    }
}
