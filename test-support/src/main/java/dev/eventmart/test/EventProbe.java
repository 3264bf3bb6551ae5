package dev.eventmart.test;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.support.messaging.CloudEventDeserializer;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Reads and writes the test broker's topics the way another service would. It reads every partition of its
 * topics from the beginning, so a test finds what it looks for by a property of the event (an id it chose), not by
 * position. Writes events in CloudEvents binary mode, or raw bytes to play a poison message.
 */
public final class EventProbe implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final List<ReceivedEvent> received = new ArrayList<>();

    private EventProbe(List<String> topics) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            Awaitility.await().atMost(DEFAULT_TIMEOUT).until(() -> !consumer.partitionsFor(topic).isEmpty());
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A probe on the given topics; they are created by the services (or on first write) if missing. */
    public static EventProbe on(String... topics) {
        return new EventProbe(List.of(topics));
    }

    /** Waits for the first event of {@code type} that matches, and returns it with its record. */
    public <T extends DomainEvent> ReceivedEvent await(Class<T> type, Predicate<? super T> match) {
        return awaitRecord(received -> type.isInstance(received.event()) && match.test(type.cast(received.event())));
    }

    /** Waits for the first record that matches, readable or not (dead-letter topics hold unreadable ones). */
    public ReceivedEvent awaitRecord(Predicate<ReceivedEvent> match) {
        return Awaitility.await().atMost(DEFAULT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> find(match), Optional::isPresent)
                .orElseThrow();
    }

    /** Everything read so far after polling once more. */
    public List<ReceivedEvent> received() {
        poll();
        return List.copyOf(received);
    }

    /**
     * Everything that was on the topics when this was called, read to the end: for counting records, where
     * {@link #received()} may not have fetched them all yet.
     */
    public List<ReceivedEvent> receivedToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Awaitility.await("read to the end of " + ends.keySet()).atMost(DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    poll();
                    return ends.entrySet().stream()
                            .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
                });
        return List.copyOf(received);
    }

    /** Sends an event as a service would, with a fresh envelope; returns that envelope. */
    public EventMetadata send(DomainEvent event, String source) {
        EventMetadata metadata = EventMetadata.forNewEvent(event, source, event.subject(), Instant.now());
        send(CloudEventRecords.toRecord(EventType.of(event).topic(), metadata,
                EventCodec.encode(event)));
        return metadata;
    }

    /** Sends exactly this record, e.g. a redelivery of an earlier event or a poison message. */
    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not send to " + record.topic(), ex);
        }
    }

    private Optional<ReceivedEvent> find(Predicate<ReceivedEvent> match) {
        poll();
        return received.stream().filter(match).findFirst();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            received.add(read(record));
        }
    }

    private ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            DomainEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            return new ReceivedEvent(record, EventMetadata.from(record.headers()), event);
        }
        catch (UnreadableEvent ex) {
            return new ReceivedEvent(record, null, null);
        }
    }

    @Override
    public void close() {
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
