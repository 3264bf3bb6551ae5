package dev.eventmart.test;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** Consumer-group checks against the test broker. */
public final class ConsumerGroups {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConsumerGroups() {
    }

    /**
     * Waits until the listener's consumer group has committed every record that was on the topic when this was
     * called. Offsets are committed after processing, so by then the listener has handled all of them: the way to
     * prove that a record changed nothing without sleeping.
     */
    public static void awaitCaughtUp(String groupId, String topic) {
        awaitCaughtUp(Map.of(groupId, List.of(topic)));
    }

    /**
     * {@link #awaitCaughtUp(String, String)} for several groups at once, each with the topics it reads: waits until
     * every group has committed every record that was on its topics when this was called.
     */
    public static void awaitCaughtUp(Map<String, ? extends Collection<String>> topicsByGroup) {
        try (Admin admin = admin()) {
            Set<String> topics = topicsByGroup.values().stream().flatMap(Collection::stream)
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Awaitility.await("consumer groups caught up").atMost(TIMEOUT).untilAsserted(() -> {
                Map<String, List<TopicPartition>> behind = new HashMap<>();
                for (Map.Entry<String, ? extends Collection<String>> group : topicsByGroup.entrySet()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    List<TopicPartition> lagging = ends.entrySet().stream()
                            .filter(end -> group.getValue().contains(end.getKey().topic()))
                            .filter(end -> end.getValue() > 0 && (committed.get(end.getKey()) == null
                                    || committed.get(end.getKey()).offset() < end.getValue()))
                            .map(Map.Entry::getKey).toList();
                    if (!lagging.isEmpty()) {
                        behind.put(group.getKey(), lagging);
                    }
                }
                if (!behind.isEmpty()) {
                    throw new AssertionError("consumer groups behind: " + behind);
                }
            });
        }
    }

    /** The ids of every consumer group the broker knows, with or without members. */
    public static Set<String> all() {
        try (Admin admin = admin()) {
            return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).collect(Collectors.toSet());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not list the consumer groups", ex);
        }
    }

    /** The end offset (the count of records ever written, retention aside) of every partition of the topics. */
    public static Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try (Admin admin = admin()) {
            return endOffsets(admin, topics);
        }
    }

    /**
     * The committed records on each of the topics, counted by reading them ({@code read_committed}). Unlike end
     * offsets this leaves out transaction markers and aborted records, which a transactional producer (Kafka
     * Streams under exactly-once) also writes to a topic.
     */
    public static Map<String, Long> committedRecords(Collection<String> topics) {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<String, Long> counts = new HashMap<>();
        topics.forEach(topic -> counts.put(topic, 0L));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // Positions move past markers and aborted records too, so the end offsets are reached exactly.
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to their ends within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> counts.merge(record.topic(), 1L, Long::sum));
            }
        }
        return counts;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not read the end offsets of " + topics, ex);
        }
    }
}
