package dev.eventmart.analytics.insights;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds which partitions of a store, as the group assigned them: the plan of a query that spans every
 * partition. Each partition is given to exactly one instance, and the plan is refused unless the partitions are
 * {@code 0..n-1} without a gap, so a merged answer counts every partition once: a partition that no instance holds
 * (or two claim) during a rebalance fails the query instead of dropping out of (or doubling in) the figures.
 */
final class StoreShares {

    private StoreShares() {
    }

    /**
     * @param store  the store, for messages
     * @param topic  the input topic of the store's tasks, whose partitions are the store's
     * @param owners {@code KafkaStreams.streamsMetadataForStore(store)}
     */
    static Map<HostInfo, Set<Integer>> of(String store, String topic, Collection<StreamsMetadata> owners) {
        Map<HostInfo, Set<Integer>> shares = new LinkedHashMap<>();
        TreeSet<Integer> all = new TreeSet<>();
        for (StreamsMetadata owner : owners) {
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition assigned : owner.topicPartitions()) {
                if (assigned.topic().equals(topic)) {
                    partitions.add(assigned.partition());
                }
            }
            if (partitions.isEmpty()) {
                continue;
            }
            if (owner.hostInfo().port() < 0) {
                throw AnalyticsUnavailable.ownerUnknown(store, "an instance without application.server");
            }
            for (int partition : partitions) {
                if (!all.add(partition)) {
                    throw AnalyticsUnavailable.ownerUnknown(store, "partition " + partition + " has two owners");
                }
            }
            shares.put(owner.hostInfo(), partitions);
        }
        if (all.isEmpty() || all.last() != all.size() - 1) {
            throw AnalyticsUnavailable.ownerUnknown(store, "partitions " + all + " of " + topic + " are assigned");
        }
        return shares;
    }
}
