package dev.eventmart.events.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A product detail page was shown, for how long and from where. */
public record ProductViewed(String userId, String sessionId, String productId, String productName, String category,
        BigDecimal price, Integer viewDurationSeconds, String source, ClientContext client, Instant occurredAt) implements ActivityEvent {

    public ProductViewed {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(productId, "productId");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
