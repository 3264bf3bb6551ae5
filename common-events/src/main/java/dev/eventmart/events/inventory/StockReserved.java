package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every line of the order is reserved; nothing else can sell those units. */
public record StockReserved(UUID orderId, List<StockLine> lines, Instant reservedAt) implements OrderScopedEvent {

    public StockReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reservedAt, "reservedAt");
        lines = List.copyOf(lines);
    }
}
