package dev.eventmart.support.outbox;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.support.messaging.TraceContexts;
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
 * {@link #addAll}: one statement, however many events. (A JDBC batch of single-row inserts is one round trip too,
 * but PostgreSQL still executes every row as a statement of its own: measured with {@code pg_stat_statements},
 * the outbox inserts were the saga's most frequent statement.)
 *
 * <p>Each event is stored with the trace context of the span that stores it (or, in a batch step, of the record it
 * answers: {@link TraceContexts#forEvent}), in the same statement, and the relay publishes it with that context as
 * its parent, so a trace goes on through the outbox.
 */
public class Outbox {

    /** Rows as parallel arrays; {@code ordinality} keeps the ids (the publishing order) in the order given. */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, event_key, event_type, schema_version, source,
                correlation_id, occurred_at, payload, trace_context)
            select event_id, topic, event_key, event_type, schema_version, source, correlation_id, occurred_at, payload,
                trace_context
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::bytea[], ?::text[])
                with ordinality as e (event_id, topic, event_key, event_type, schema_version, source, correlation_id,
                                      occurred_at, payload, trace_context, n)
            order by n""";

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
        insert(List.of(event), List.of(metadata));
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
        List<EventMetadata> metadata = new ArrayList<>(events.size());
        for (E event : events) {
            metadata.add(EventMetadata.forNewEvent(event, source, correlationId.apply(event), clock.instant()));
        }
        insert(events, metadata);
    }

    private void insert(List<? extends DomainEvent> events, List<EventMetadata> metadata) {
        int size = events.size();
        String[] ids = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        int[] versions = new int[size];
        String[] sources = new String[size];
        String[] correlationIds = new String[size];
        String[] times = new String[size];
        byte[][] payloads = new byte[size][];
        String[] traceContexts = new String[size];
        for (int i = 0; i < size; i++) {
            DomainEvent event = events.get(i);
            EventMetadata meta = metadata.get(i);
            ids[i] = meta.id().toString();
            topics[i] = EventType.of(event).topic();
            keys[i] = meta.subject();
            types[i] = meta.type();
            versions[i] = meta.schemaVersion();
            sources[i] = meta.source();
            correlationIds[i] = meta.correlationId();
            times[i] = meta.time().toString();
            payloads[i] = EventCodec.encode(event);
            traceContexts[i] = TraceContexts.forEvent(meta.correlationId());
        }
        jdbc.update(INSERT, ids, topics, keys, types, versions, sources, correlationIds, times, payloads,
                traceContexts);
        wakeRelayAfterCommit();
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
