package dev.eventmart.invariants;

import dev.eventmart.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every committed record of every dead-letter topic: the dead-letter topic of each topic in {@link Topics},
 * and any other {@code *.dlt} the broker holds, so a dead-letter topic missing from the contracts is not overlooked.
 *
 * <p>Counted by reading, not from end offsets: analytics' Kafka Streams writes its dead letters in exactly-once
 * transactions, whose commit markers take offsets too, so a topic can end at offset 1 and hold no record.
 */
final class DeadLetterTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;

    DeadLetterTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Map<String, List<ConsumerRecord<byte[], byte[]>>> read() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(Topics::isDeadLetter).collect(Collectors.toSet());
            Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new TreeMap<>();
            Stream.concat(Topics.ALL.stream().map(Topics::deadLetterOf), existing.stream())
                    .forEach(topic -> records.putIfAbsent(topic, new ArrayList<>()));
            if (existing.isEmpty()) {
                return records;
            }
            Map<TopicPartition, Long> ends = stableEnds(admin, existing);
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.multipliedBy(3).toNanos();
            // Positions move past markers and aborted records too, so the stable ends are reached exactly.
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics " + existing
                            + " to their ends within " + TIMEOUT.multipliedBy(3));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.get(record.topic()).add(record);
                    }
                }
            }
            return records;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not list or read the dead-letter topics", ex);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "invariant-checks"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The last stable offset of every partition: where a {@code read_committed} consumer stops. */
    private static Map<TopicPartition, Long> stableEnds(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition,
                        info.offset()));
        return ends;
    }
}
