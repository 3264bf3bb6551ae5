package dev.eventmart.support.outbox;

import dev.eventmart.support.outbox.OutboxSender.Refused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code outbox_parked}: outbox events Kafka refused for good, or did not take in {@code eventmart.outbox.max-attempts}
 * attempts while it took others, kept with the error for an operator, who fixes the cause and moves a row back into
 * {@code outbox_event} to publish it.
 */
final class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final JdbcClient jdbc;
    private final Counter parked;

    ParkedEvents(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.parked = Counter.builder("eventmart.outbox.parked")
                .description("Outbox events Kafka refused for good or never took, moved to outbox_parked").register(meters);
    }

    /** Stores the refused event in the current transaction, which also deletes it from the outbox. */
    void park(Refused refused) {
        insert(refused.event(), refused.failure());
    }

    /** Moves the event from the outbox to {@code outbox_parked} with {@code failure}, in the current transaction. */
    void moveToParked(Refused refused, Throwable failure) {
        insert(refused.event(), failure);
        jdbc.sql("delete from outbox_event where id = :id").param("id", refused.event().id()).update();
    }

    private void insert(StoredEvent event, Throwable failure) {
        log.error("Kafka did not take outbox event {} ({} to {}); moved to outbox_parked: {}",
                event.metadata().id(), event.metadata().type(), event.topic(), describe(failure));
        jdbc.sql("""
                insert into outbox_parked (id, event_id, topic, event_key, event_type, schema_version, source,
                    correlation_id, occurred_at, payload, trace_context, error, parked_at)
                values (:id, :eventId, :topic, :key, :type, :version, :source, :correlationId, :occurredAt, :payload,
                    :traceContext, :error, now())
                on conflict do nothing""")
                .param("id", event.id())
                .param("eventId", event.metadata().id())
                .param("topic", event.topic())
                .param("key", event.metadata().subject())
                .param("type", event.metadata().type())
                .param("version", event.metadata().schemaVersion())
                .param("source", event.metadata().source())
                .param("correlationId", event.metadata().correlationId())
                .param("occurredAt", Timestamp.from(event.metadata().time()))
                .param("payload", event.payload())
                .param("traceContext", event.traceContext())
                .param("error", describe(failure))
                .update();
        parked.increment();
    }

    /** The whole cause chain, outermost first: Spring's "Send failed" alone would not say what Kafka refused. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            text.append(text.isEmpty() ? "" : "; caused by ").append(cause);
        }
        return text.toString();
    }
}
