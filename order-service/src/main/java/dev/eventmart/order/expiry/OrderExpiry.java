package dev.eventmart.order.expiry;

import dev.eventmart.order.ordering.Order;
import dev.eventmart.order.ordering.Orders;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires orders that got no reply within the timeout. Safe with several instances: each batch locks the rows it
 * takes with {@code FOR UPDATE SKIP LOCKED}, so instances share the work instead of expiring an order twice, and
 * the saga's own row lock keeps a late reply and the expiry from both applying.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(ExpiryProperties.class)
class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Expiration expiration;
    private final TransactionTemplate transactions;
    private final ExpiryProperties properties;
    private final Clock clock;

    OrderExpiry(JdbcClient jdbc, Orders orders, Expiration expiration, TransactionTemplate transactions,
            ExpiryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.expiration = expiration;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${eventmart.order.expiry.scan-interval:30s}",
            initialDelayString = "${eventmart.order.expiry.scan-interval:30s}")
    void expireStalledOrders() {
        int expired;
        do {
            expired = expireBatch();
        }
        while (expired == properties.batchSize());
    }

    int expireBatch() {
        Integer expired = transactions.execute(status -> {
            Instant now = clock.instant();
            List<UUID> stalled = jdbc.sql("""
                    select order_id from customer_order
                    where status in ('PENDING', 'RESERVED') and created_at < :cutoff
                    order by created_at limit :limit
                    for update skip locked""")
                    .param("cutoff", Timestamp.from(now.minus(properties.timeout())))
                    .param("limit", properties.batchSize())
                    .query(UUID.class).list();
            for (UUID orderId : stalled) {
                Order order = orders.findById(orderId).orElseThrow();
                expiration.expire(order, now).ifPresent(event ->
                        log.info("Order {} expired while {}", orderId, event.lastStatus()));
            }
            return stalled.size();
        });
        return expired == null ? 0 : expired;
    }
}
