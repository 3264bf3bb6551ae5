package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** At least one line could not be reserved, so none was (all or nothing). */
public record StockRejected(UUID orderId, List<StockShortage> shortages, Instant rejectedAt) implements OrderScopedEvent {

    public StockRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        shortages = List.copyOf(shortages);
    }
}
