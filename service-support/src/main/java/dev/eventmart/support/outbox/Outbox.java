package dev.eventmart.support.outbox;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import dev.eventmart.support.messaging.EventMetadata;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores events in the current transaction, to be published once (and only if) that transaction commits.
 * Nothing is sent to Kafka here; after commit the {@link OutboxRelay} is woken at once, so publishing does not
 * wait for a polling interval. A saga step that handles a poll's worth of events at once stores their replies with
 * {@link #addAll}: one JDBC batch, one round trip to PostgreSQL, however many events.
 */
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, event_key, event_type, schema_version, source,
                correlation_id, occurred_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcOperations jdbc;
    private final OutboxRelay relay;
    private final String source;
    private final Clock clock;

    public Outbox(JdbcOperations jdbc, OutboxRelay relay, String source, Clock clock) {
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
        jdbc.update(INSERT, values(event, metadata));
        wakeRelayAfterCommit();
        return metadata;
    }

    /** Adds every event, each correlated with the entity it is about, in the order given. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addAll(List<? extends DomainEvent> events) {
        addAll(events, DomainEvent::subject);
    }

    /** Adds every event, in the order given, correlated as {@code correlationId} says. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <E extends DomainEvent> void addAll(List<E> events, Function<? super E, String> correlationId) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (E event : events) {
            rows.add(values(event, EventMetadata.forNewEvent(event, source, correlationId.apply(event),
                    clock.instant())));
        }
        jdbc.batchUpdate(INSERT, rows);
        wakeRelayAfterCommit();
    }

    private static Object[] values(DomainEvent event, EventMetadata metadata) {
        return new Object[] { metadata.id(), EventType.of(event).topic(), metadata.subject(), metadata.type(),
                metadata.schemaVersion(), metadata.source(), metadata.correlationId(), Timestamp.from(metadata.time()),
                EventCodec.encode(event) };
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
