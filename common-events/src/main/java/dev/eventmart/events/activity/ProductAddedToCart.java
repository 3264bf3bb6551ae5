package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A product went into the cart. */
public record ProductAddedToCart(@Required String userId, String sessionId, @Required String productId, int quantity,
        BigDecimal price, BigDecimal cartTotal, Integer cartItemCount, ClientContext client,
        @Required Instant occurredAt) implements ActivityEvent {

    public ProductAddedToCart {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(productId, "productId");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
