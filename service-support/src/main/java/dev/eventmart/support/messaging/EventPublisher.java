package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Sends an event straight to its topic, in CloudEvents binary mode, keyed by its subject. The returned future
 * completes when Kafka has acknowledged the record ({@code acks=all}).
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

    public CompletableFuture<SendResult<String, byte[]>> publish(DomainEvent event) {
        return publish(event, event.subject());
    }

    public CompletableFuture<SendResult<String, byte[]>> publish(DomainEvent event, String correlationId) {
        EventMetadata metadata = EventMetadata.forNewEvent(event, source, correlationId, clock.instant());
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(EventType.of(event).topic(), metadata,
                EventCodec.encode(event));
        return kafka.send(record);
    }
}
