package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A reservation was given back to available stock (cancel or expiry). */
public record StockReleased(@Required UUID orderId, @Required List<StockLine> lines, @Required Instant releasedAt)
        implements OrderScopedEvent {

    public StockReleased {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(releasedAt, "releasedAt");
        lines = List.copyOf(lines);
    }
}
