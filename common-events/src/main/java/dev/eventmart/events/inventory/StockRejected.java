package dev.eventmart.events.inventory;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** At least one line could not be reserved, so none was (all or nothing). */
public record StockRejected(@Required UUID orderId, @Required List<StockShortage> shortages,
        @Required Instant rejectedAt) implements OrderScopedEvent {

    public StockRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        shortages = List.copyOf(shortages);
    }
}
