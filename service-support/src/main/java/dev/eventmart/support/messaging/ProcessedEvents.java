package dev.eventmart.support.messaging;

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
}
