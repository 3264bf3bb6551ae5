package dev.eventmart.inventory.catalog;

import dev.eventmart.inventory.stock.StockLevels;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds delivered units to a product's stock and tells replicas with a new catalog snapshot. The snapshot goes
 * through the outbox, in the same transaction as the change, so it is published once the change commits, never
 * before and never without it.
 */
@Service
class Restocking {

    private final StockLevels stock;
    private final Products products;
    private final Outbox outbox;
    private final Clock clock;

    Restocking(StockLevels stock, Products products, Outbox outbox, Clock clock) {
        this.stock = stock;
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    ProductView restock(String productId, int quantity) {
        if (!stock.restock(productId, quantity, clock.instant())) {
            throw new ProductNotFound(productId);
        }
        // Read after the update, which locked the row until commit: the snapshot carries the new version, or
        // replicas that already hold the old one would ignore it.
        Product product = products.findById(productId).orElseThrow(() -> new ProductNotFound(productId));
        outbox.add(product.snapshot());
        return ProductView.of(product);
    }
}
