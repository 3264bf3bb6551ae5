package dev.eventmart.support.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox that makes consumers idempotent: a handler records the id of every event it has applied, in the same
 * transaction as the effect. A redelivered event finds its id and changes nothing; a failed effect rolls the mark
 * back with it, so the retry applies it. The table lives in each service's own schema.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks {@code eventId} as processed by {@code handler}.
     *
     * @return {@code true} the first time, {@code false} if the handler has already processed that event (or a
     *         concurrent transaction just did: the insert waits for it and then finds the row)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(UUID eventId, String handler) {
        return jdbc.sql("""
                insert into processed_event (event_id, handler, processed_at)
                values (:eventId, :handler, now())
                on conflict do nothing""")
                .param("eventId", eventId)
                .param("handler", handler)
                .update() == 1;
    }

    /**
     * Marks every one of {@code eventIds} as processed by {@code handler}, in one statement: the set-based form of
     * {@link #markProcessed} for a step that handles a poll's worth of events at once.
     *
     * @return the ids marked now, the events to apply; an id the handler processed before (or that a concurrent
     *         transaction just marked) is absent, and an id given twice is returned once
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> markAllProcessed(Collection<UUID> eventIds, String handler) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        // One array parameter rather than a list expanded into placeholders: the statement text stays the same for
        // every batch size, so PostgreSQL plans it once per connection. Duplicates within the statement are
        // skipped like any other conflict.
        return new HashSet<>(jdbc.sql("""
                insert into processed_event (event_id, handler, processed_at)
                select id, ?, now() from unnest(?::uuid[]) as id
                on conflict do nothing
                returning event_id""")
                .param(handler)
                .param(eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(UUID.class)
                .list());
    }
}
