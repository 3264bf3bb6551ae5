package dev.eventmart.payment.charging;

import dev.eventmart.support.locking.AdvisoryLocks;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serializes the handlers of one order. A payment request and the cancellation of the same order come from
 * different topics and run concurrently; without a lock each could miss the other (the request finds no marker,
 * the cancellation finds no payment) and an order that ended would stay charged. A transaction-scoped advisory
 * lock per order, held only for the few statements that decide, makes one of them see the other's commit. The
 * two-key form keeps these locks apart from the single-key one the outbox relay takes.
 */
@Component
class OrderLocks {

    private final JdbcClient jdbc;

    OrderLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for and takes the lock of {@code orderId} until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(UUID orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('payments.order'), hashtext(:orderId))")
                .param("orderId", orderId.toString())
                .query((row, rowNum) -> Boolean.TRUE)
                .single();
    }

    /** Takes the locks of all {@code orderIds}, in one statement and one global order, until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockAll(Collection<UUID> orderIds) {
        // The same two-key locks as lock(): hashtext of the namespace and of the order id.
        AdvisoryLocks.lockAll(jdbc, "payments.order", orderIds);
    }
}
