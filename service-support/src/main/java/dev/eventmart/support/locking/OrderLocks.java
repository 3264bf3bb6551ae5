package dev.eventmart.support.locking;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serializes the handlers of one order within a service. The events of an order come on several topics, handled by
 * different consumers at the same time (a payment request and the cancellation of the same order, a placement and
 * its outcome); each handler takes its orders' locks before it decides, so it sees what the other committed.
 *
 * <p>Transaction-scoped PostgreSQL advisory locks, released when the transaction ends, on the two keys
 * ({@code hashtext('<schema>.order')}, {@code hashtext(orderId)}): the schema keeps the services' locks apart in a
 * shared database, and the two-key form keeps them apart from the outbox relay's one-key lock. A batch's locks are
 * taken in one statement and in one global order (of the ids' hashes), so two transactions that share orders queue
 * instead of deadlocking however their batches are ordered.
 */
public class OrderLocks {

    private final JdbcClient jdbc;

    public OrderLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for and takes the lock of {@code orderId} until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID orderId) {
        lockAll(Set.of(orderId));
    }

    /** Waits for and takes the locks of every order, in one statement, until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return;
        }
        // PostgreSQL evaluates a volatile function of the select list after the sort, so the locks follow the keys.
        jdbc.sql("""
                select pg_advisory_xact_lock(hashtext(current_schema() || '.order'), k.key)
                from (select distinct hashtext(id) as key from unnest(?::text[]) as id) k
                order by k.key""")
                .param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((row, n) -> Boolean.TRUE)
                .list();
    }
}
