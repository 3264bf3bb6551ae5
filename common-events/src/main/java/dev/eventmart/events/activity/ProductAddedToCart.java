package dev.eventmart.events.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A product went into the cart. */
public record ProductAddedToCart(String userId, String sessionId, String productId, int quantity, BigDecimal price,
        BigDecimal cartTotal, Integer cartItemCount, ClientContext client, Instant occurredAt) implements ActivityEvent {

    public ProductAddedToCart {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(productId, "productId");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
