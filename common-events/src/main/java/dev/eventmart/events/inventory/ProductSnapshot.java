package dev.eventmart.events.inventory;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;

/**
 * The current catalog state of one product, published on a compacted topic. {@code version} grows with every
 * change; a replica keeps the highest version it has seen and ignores older ones. A product is never deleted by a
 * tombstone: it is withdrawn with {@code active = false}, so every record on the topic is a snapshot.
 */
public record ProductSnapshot(@Required String productId, @Required String sku, @Required String name,
        @Required String category, @Required Money price, boolean active, long version, @Required Instant updatedAt)
        implements DomainEvent {

    public ProductSnapshot {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String subject() {
        return productId;
    }
}
