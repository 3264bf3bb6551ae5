package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A product detail page was shown, for how long and from where. */
public record ProductViewed(@Required String userId, String sessionId, @Required String productId, String productName,
        String category, BigDecimal price, Integer viewDurationSeconds, String source, ClientContext client,
        @Required Instant occurredAt) implements ActivityEvent {

    public ProductViewed {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(productId, "productId");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
