package dev.eventmart.payment.payment;

import static org.awaitility.Awaitility.await;

import dev.eventmart.test.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a listener has handled everything on a topic so far, judged by its consumer group's committed
 * offsets (committed after processing). This is how a test proves that a message changed nothing: not by waiting
 * a while, but by waiting until the message was certainly handled and then looking.
 */
final class ConsumerProgress {

    private ConsumerProgress() {
    }

    static void awaitConsumed(String groupId, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> caughtUp(admin, groupId, topic));
        }
    }

    private static boolean caughtUp(Admin admin, String groupId, String topic)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue().offset()));
    }
}
