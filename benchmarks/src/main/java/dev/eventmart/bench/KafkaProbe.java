package dev.eventmart.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the broker holds, asked the way the pipeline's own consumers see it: records produced per topic (end
 * offsets) and how far behind every consumer group is.
 *
 * <p>End offsets alone cannot answer the second: a transaction's commit marker takes an offset of its own, so a
 * topic written in transactions (Kafka Streams' exactly-once topics) ends with an offset no consumer ever commits
 * past. Lags are therefore counted with a {@code read_committed} consumer that reads the gap from the committed
 * offset to the end. This consumer's own fetch requests are counted ({@link #ownFetchRequests()}), so the broker's request counts
 * can be reported without them.
 */
final class KafkaProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A gap wider than this is taken as records behind without reading it (a marker per transaction fits). */
    private static final long MARKERS_TOLERATED = 50;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String streamsPrefix;
    private final AtomicLong otherOwnFetches = new AtomicLong();

    KafkaProbe(Options options) {
        String bootstrap = options.string("bootstrap-servers", "localhost:9092");
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(adminConfig);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-probe");
        // It looks at a few records at a time: small fetches keep it cheap for the broker it is measuring.
        consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
        consumerConfig.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 256 * 1024);
        this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.streamsPrefix = options.string("streams-group", "analytics-service-streams") + "-";
    }

    /** Kafka Streams' own changelog and repartition topics ({@code <application id>-...}). */
    boolean isStreamsInternal(String topic) {
        return topic.startsWith(streamsPrefix);
    }

    /**
     * The end offset (high watermark, summed over partitions) of every topic but Kafka's internal ones
     * ({@code __consumer_offsets}, {@code __transaction_state}). The difference of two calls is the records
     * produced in between, transaction markers included.
     */
    Map<String, Long> endOffsets() throws Exception {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition partition : partitions(topics)) {
            latest.put(partition, OffsetSpec.latest());
        }
        Map<String, Long> ends = new TreeMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
        return ends;
    }

    /**
     * Records each consumer group (Kafka Streams' too) has not processed yet, by group; groups that have committed
     * nothing are left out (this generator's own consumers have no group). A partition counts as behind only if a
     * committed record lies between the group's committed offset and the end; its lag is then that offset gap.
     */
    Map<String, Long> groupLags() throws Exception {
        Collection<GroupListing> groups = admin.listGroups().all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<String, ListConsumerGroupOffsetsSpec> consumerGroups = new HashMap<>();
        Map<String, ListStreamsGroupOffsetsSpec> streamsGroups = new HashMap<>();
        for (GroupListing group : groups) {
            GroupType type = group.type().orElse(GroupType.CLASSIC);
            if (type == GroupType.STREAMS) {
                streamsGroups.put(group.groupId(), new ListStreamsGroupOffsetsSpec());
            } else if (type != GroupType.SHARE) {
                consumerGroups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
            }
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> listed = new HashMap<>();
        if (!consumerGroups.isEmpty()) {
            listed.putAll(admin.listConsumerGroupOffsets(consumerGroups).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        if (!streamsGroups.isEmpty()) {
            listed.putAll(admin.listStreamsGroupOffsets(streamsGroups).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
        listed.forEach((group, offsets) -> {
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            if (!present.isEmpty()) {
                committed.put(group, present);
            }
        });
        Set<TopicPartition> read = committed.values().stream().flatMap(offsets -> offsets.keySet().stream())
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = stableEnds(read);

        Map<TopicPartition, Set<Long>> behind = new HashMap<>();
        // Which (partition, committed offset) pairs have a committed record between the offset and the end.
        Map<TopicPartition, java.util.TreeSet<Long>> pending = new HashMap<>();
        committed.values().forEach(offsets -> offsets.forEach((partition, offset) -> {
            long gap = ends.getOrDefault(partition, 0L) - offset.offset();
            if (gap > MARKERS_TOLERATED) {
                behind.computeIfAbsent(partition, p -> new HashSet<>()).add(offset.offset());
            } else if (gap > 0) {
                pending.computeIfAbsent(partition, p -> new java.util.TreeSet<>()).add(offset.offset());
            }
        }));
        while (!pending.isEmpty()) {
            Map<TopicPartition, Long> from = new HashMap<>();
            pending.forEach((partition, offsets) -> from.put(partition, offsets.first()));
            Map<TopicPartition, Long> first = firstCommittedRecord(from, ends);
            for (TopicPartition partition : from.keySet()) {
                Long record = first.get(partition);
                java.util.TreeSet<Long> offsets = pending.get(partition);
                // No record from the lowest offset on: none from the higher ones either. A record at f: every
                // offset up to f is behind; higher ones need another look from there.
                java.util.NavigableSet<Long> resolved = record == null ? offsets : offsets.headSet(record, true);
                if (record != null) {
                    behind.computeIfAbsent(partition, p -> new HashSet<>()).addAll(resolved);
                }
                resolved.clear();
                if (offsets.isEmpty()) {
                    pending.remove(partition);
                }
            }
        }
        Map<String, Long> lags = new TreeMap<>();
        committed.forEach((group, offsets) -> {
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                if (behind.getOrDefault(entry.getKey(), Set.of()).contains(entry.getValue().offset())) {
                    lag += ends.getOrDefault(entry.getKey(), 0L) - entry.getValue().offset();
                }
            }
            lags.put(group, lag);
        });
        return lags;
    }

    /** Fetch requests this probe sent (and the closed loop's terminal-event reader, once it has reported them). */
    long ownFetchRequests() {
        synchronized (consumer) {
            return fetchRequests(consumer) + otherOwnFetches.get();
        }
    }

    void addOwnFetchRequests(long requests) {
        otherOwnFetches.addAndGet(requests);
    }

    /** The {@code fetch-total} metric of a consumer: the fetch requests it has sent. */
    static long fetchRequests(Consumer<?, ?> consumer) {
        return consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("fetch-total")
                        && e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && !e.getKey().tags().containsKey("topic"))
                .mapToLong(e -> Math.round(((Number) e.getValue().metricValue()).doubleValue())).sum();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<TopicPartition> partitions(Collection<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
        return partitions;
    }

    /** The last stable offsets: the end a {@code read_committed} consumer reads to. */
    private Map<TopicPartition, Long> stableEnds(Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition,
                            info.offset()));
        }
        return ends;
    }

    /**
     * For each partition, the offset of the first committed record at or after {@code from} and before the end, if
     * there is one: reads from {@code from} until a record arrives or the position passes the end (markers and
     * aborted records are skipped by the consumer).
     */
    private Map<TopicPartition, Long> firstCommittedRecord(Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> first = new HashMap<>();
        if (from.isEmpty()) {
            return first;
        }
        synchronized (consumer) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Set<TopicPartition> open = new HashSet<>(from.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    open.forEach(partition -> first.put(partition, from.get(partition))); // assume behind
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (open.remove(partition)) {
                        first.put(partition, record.offset());
                        consumer.pause(List.of(partition));
                    }
                }
                open.removeIf(partition -> !first.containsKey(partition)
                        && consumer.position(partition, TIMEOUT) >= ends.get(partition));
            }
            consumer.assign(List.of());
        }
        return first;
    }

    @Override
    public void close() {
        synchronized (consumer) {
            consumer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }
}
