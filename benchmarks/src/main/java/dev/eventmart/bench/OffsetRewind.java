package dev.eventmart.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;

/**
 * Duplicate deliveries on demand: moves the committed offsets of every consumer group whose id starts with
 * {@code --group-prefix} back to where they were {@code --seconds} ago (the first offset at or after that time), so
 * those groups read everything of the last minutes again. Kafka only lets a group's offsets be changed while it has
 * no members: {@code scripts/chaos.sh} stops the service's instances first and starts them afterwards.
 */
final class OffsetRewind {

    private OffsetRewind() {
    }

    static void run(Options options) throws Exception {
        String prefix = options.required("group-prefix");
        long since = System.currentTimeMillis() - options.integer("seconds", 60) * 1000L;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.string("bootstrap-servers", "localhost:9092"));
        try (Admin admin = Admin.create(config)) {
            long rewound = 0;
            for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
                if (!group.groupId().startsWith(prefix) || group.type().orElse(GroupType.CLASSIC) != GroupType.CONSUMER
                        && group.type().orElse(GroupType.CLASSIC) != GroupType.CLASSIC) {
                    continue;
                }
                awaitEmpty(admin, group.groupId());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> at = new HashMap<>();
                committed.keySet().forEach(partition -> at.put(partition, OffsetSpec.forTimestamp(since)));
                Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(at).all().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> back = new HashMap<>();
                long groupRewound = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    if (entry.getValue() == null) {
                        continue;
                    }
                    long target = found.get(entry.getKey()).offset(); // -1: nothing since then, keep the offset
                    if (target >= 0 && target < entry.getValue().offset()) {
                        back.put(entry.getKey(), new OffsetAndMetadata(target));
                        groupRewound += entry.getValue().offset() - target;
                    }
                }
                if (!back.isEmpty()) {
                    admin.alterConsumerGroupOffsets(group.groupId(), back).all().get(10, TimeUnit.SECONDS);
                }
                Report.log("Rewound %s by %d records on %d partitions", group.groupId(), groupRewound, back.size());
                rewound += groupRewound;
            }
            System.out.println(rewound);
        }
    }

    /** The group's members leave when the service stops; their session may take a few seconds to end. */
    private static void awaitEmpty(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(java.util.List.of(group))
                    .describedGroups().get(group).get(10, TimeUnit.SECONDS);
            if (description.members().isEmpty() && (description.groupState() == GroupState.EMPTY
                    || description.groupState() == GroupState.DEAD)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + group + " still has members: " + description.members());
            }
            Thread.sleep(500);
        }
    }
}
