package dev.eventmart.support.outbox;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import dev.eventmart.support.messaging.EventMetadata;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores an event in the current transaction, to be published once (and only if) that transaction commits.
 * Nothing is sent to Kafka here; after commit the {@link OutboxRelay} is woken at once, so publishing does not
 * wait for a polling interval.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final String source;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, OutboxRelay relay, String source, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.source = source;
        this.clock = clock;
    }

    /** Adds {@code event} to the outbox, correlated with the entity it is about. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventMetadata add(DomainEvent event) {
        return add(event, event.subject());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public EventMetadata add(DomainEvent event, String correlationId) {
        EventMetadata metadata = EventMetadata.forNewEvent(event, source, correlationId, clock.instant());
        jdbc.sql("""
                insert into outbox_event (event_id, topic, event_key, event_type, schema_version, source,
                    correlation_id, occurred_at, payload)
                values (:eventId, :topic, :key, :type, :version, :source, :correlationId, :occurredAt, :payload)""")
                .param("eventId", metadata.id())
                .param("topic", EventType.of(event).topic())
                .param("key", metadata.subject())
                .param("type", metadata.type())
                .param("version", metadata.schemaVersion())
                .param("source", metadata.source())
                .param("correlationId", metadata.correlationId())
                .param("occurredAt", Timestamp.from(metadata.time()))
                .param("payload", EventCodec.encode(event))
                .update();
        wakeRelayAfterCommit();
        return metadata;
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
