package dev.eventmart.notification.notifying;

import dev.eventmart.support.locking.AdvisoryLocks;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serializes the claims of one order's notifications. The events of an order come on four topics, handled by
 * different consumers at the same time; the lock makes a late {@code OrderPlaced} see an outcome already claimed
 * (and say nothing) and keeps two claims of the same (order, type) from racing into the unique key. Transaction
 * scoped, held only while claiming, never while sending. The two-key form keeps it apart from the outbox relay's.
 */
@Component
class OrderLocks {

    private final JdbcClient jdbc;

    OrderLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the orders of a batch, in the one global order of {@link AdvisoryLocks}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(Collection<UUID> orderIds) {
        AdvisoryLocks.lockAll(jdbc, "notifications.order", orderIds);
    }
}
