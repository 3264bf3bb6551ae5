package dev.eventmart.inventory.catalog;

import dev.eventmart.support.messaging.EventPublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restates the whole catalog on the compacted snapshot topic when the service starts, so a replica that starts
 * empty (a new order-service database) fills up without waiting for a product to change. Snapshots carry the
 * product version, so replicas ignore a restatement of what they already hold; publishing it again is harmless.
 * Sends happen outside any database transaction and do not hold a connection.
 */
@Component
class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final Products products;
    private final EventPublisher events;

    CatalogPublisher(Products products, EventPublisher events) {
        this.products = products;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void publishCatalog() {
        List<CompletableFuture<?>> sends = products.findAllByOrderByProductId().stream()
                .map(Product::snapshot)
                .<CompletableFuture<?>>map(events::publish)
                .toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                log.error("Publishing the catalog snapshot failed; replicas keep their previous state", failure);
            }
            else {
                log.info("Published {} catalog snapshots", sends.size());
            }
        });
    }
}
