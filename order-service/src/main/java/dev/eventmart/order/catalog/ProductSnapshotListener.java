package dev.eventmart.order.catalog;

import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.ProductSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalog replica up to date from inventory's compacted snapshot topic. The listener id is also its
 * consumer group ({@code <service>.<listener>}), so each listener keeps its own offsets and rebalances alone.
 */
@Component
class ProductSnapshotListener {

    private static final Logger log = LoggerFactory.getLogger(ProductSnapshotListener.class);

    private final CatalogReplica replica;

    ProductSnapshotListener(CatalogReplica replica) {
        this.replica = replica;
    }

    @KafkaListener(id = "order-service.catalog-replica", topics = Topics.PRODUCT_SNAPSHOT)
    void on(ProductSnapshot snapshot) {
        if (replica.apply(snapshot)) {
            log.debug("Catalog replica: {} now at version {}", snapshot.productId(), snapshot.version());
        }
        else {
            log.debug("Catalog replica: ignored {} version {}, already newer", snapshot.productId(),
                    snapshot.version());
        }
    }
}
