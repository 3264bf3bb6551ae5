package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A reservation was given back to available stock (cancel or expiry). */
public record StockReleased(UUID orderId, List<StockLine> lines, Instant releasedAt) implements OrderScopedEvent {

    public StockReleased {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(releasedAt, "releasedAt");
        lines = List.copyOf(lines);
    }
}
