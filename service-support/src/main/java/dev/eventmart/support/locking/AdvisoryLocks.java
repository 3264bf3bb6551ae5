package dev.eventmart.support.locking;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Transaction-scoped PostgreSQL advisory locks on a batch of entity ids, taken in one statement and in one global
 * order (of the ids' hashes), so two transactions that share ids cannot deadlock however their batches are ordered.
 * The lock is released when the transaction ends.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Locks every id under {@code namespace} (e.g. {@code "inventory.order"}); must run inside a transaction. */
    public static void lockAll(JdbcClient jdbc, String namespace, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // PostgreSQL evaluates a volatile function of the select list after the sort, so the locks follow the keys.
        jdbc.sql("""
                select pg_advisory_xact_lock(hashtext(:namespace), k.key)
                from (select distinct hashtext(id) as key from unnest(array[:ids]::text[]) as id) k
                order by k.key""")
                .param("namespace", namespace)
                .param("ids", ids.stream().map(UUID::toString).toList())
                .query((row, n) -> Boolean.TRUE)
                .list();
    }
}
