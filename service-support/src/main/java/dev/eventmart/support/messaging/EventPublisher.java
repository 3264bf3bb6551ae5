package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends an event straight to its topic, in CloudEvents binary mode, keyed by its subject, with a time-ordered id
 * ({@link TimeOrderedIds}). The returned future completes when Kafka has acknowledged the record ({@code acks=all}).
 *
 * <p>For facts that must commit together with a database change, never call this inside the transaction:
 * store the event with the change and let a relay publish it after commit (transactional outbox). Direct
 * publishing suits events that are their own source of truth (activity tracking) or are idempotent restatements
 * of state (catalog snapshots).
 */
public class EventPublisher {

    private final KafkaOperations<String, byte[]> kafka;
    private final String source;
    private final Clock clock;

    public EventPublisher(KafkaOperations<String, byte[]> kafka, String source, Clock clock) {
        this.kafka = kafka;
        this.source = source;
        this.clock = clock;
    }

    /** Publishes {@code event} correlated with the entity it is about; see {@link #publish(DomainEvent, String)}. */
    public CompletableFuture<EventMetadata> publish(DomainEvent event) {
        return publish(event, event.subject());
    }

    /**
     * Publishes {@code event}; completes with its envelope once Kafka has acknowledged it. The envelope is the one
     * built here, so a caller needs no second look at the record's headers to learn the event id.
     */
    public CompletableFuture<EventMetadata> publish(DomainEvent event, String correlationId) {
        EventMetadata metadata = EventMetadata.forNewEvent(event, TimeOrderedIds.next(), source, correlationId,
                clock.instant());
        return kafka.send(record(event, metadata)).thenApply(sent -> metadata);
    }

    private static ProducerRecord<String, byte[]> record(DomainEvent event, EventMetadata metadata) {
        return CloudEventRecords.toRecord(EventType.of(event).topic(), metadata, EventCodec.encode(event));
    }
}
