package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** No reply reached the order within the expiry timeout. Compensated like a cancellation. */
public record OrderExpired(@Required UUID orderId, String customerId, String customerEmail,
        @Required List<OrderLine> lines, Money total, @Required String lastStatus, @Required Instant expiredAt)
        implements OrderScopedEvent {

    public OrderExpired {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(expiredAt, "expiredAt");
        lines = List.copyOf(lines);
    }
}
