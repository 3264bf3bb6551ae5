package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every line of the order is reserved; nothing else can sell those units. */
public record StockReserved(@Required UUID orderId, @Required List<StockLine> lines, @Required Instant reservedAt)
        implements OrderScopedEvent {

    public StockReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reservedAt, "reservedAt");
        lines = List.copyOf(lines);
    }
}
