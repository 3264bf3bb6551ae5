package dev.eventmart.inventory.catalog;

import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds delivered units to a product's stock and tells replicas with a new catalog snapshot. The snapshot goes
 * through the outbox, in the same transaction as the change, so it is published once the change commits, never
 * before and never without it.
 */
@Service
class Restocking {

    private final Products products;
    private final Outbox outbox;
    private final Clock clock;

    Restocking(Products products, Outbox outbox, ObjectProvider<Clock> clock) {
        this.products = products;
        this.outbox = outbox;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional
    ProductView restock(String productId, int quantity) {
        Product product = products.findLockedByProductId(productId).orElseThrow(() -> new ProductNotFound(productId));
        product.restock(quantity, clock.instant());
        // Hibernate raises the version only when it flushes; the snapshot must carry the new one, or replicas that
        // already hold the old version would ignore it.
        products.flush();
        outbox.add(product.snapshot());
        return ProductView.of(product);
    }
}
