package dev.eventmart.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (the Kafka Streams application) is behind the end of a topic. */
final class StreamsLag implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final String topic;

    StreamsLag(String bootstrapServers, String group, String topic) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
        this.group = group;
        this.topic = topic;
    }

    /**
     * Records the group has not committed yet: on every partition of the topic, and of every other source topic
     * the group reads (the order topics). Its own internal topics are left out: Kafka Streams writes them in
     * exactly-once transactions, and the marker that ends each takes an offset the group may never commit past.
     */
    long records() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        java.util.Set<TopicPartition> read = committed.keySet().stream()
                .filter(partition -> !partition.topic().startsWith(group + "-"))
                .collect(Collectors.toCollection(java.util.HashSet::new));
        java.util.stream.IntStream.range(0, partitions).forEach(p -> read.add(new TopicPartition(topic, p)));
        Map<TopicPartition, OffsetSpec> latest = read.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Waits until the group has caught up; logs and returns when it has not within {@code timeout}. */
    void awaitZero(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = records();
        if (lag > 0) {
            Report.log("Waiting for Kafka Streams to work off %d events", lag);
        }
        while (lag > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lag = records();
        }
        if (lag > 0) {
            Report.log("Kafka Streams is still %d events behind after %d s; going on", lag, timeout.toSeconds());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
