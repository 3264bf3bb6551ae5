package dev.eventmart.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

/** How a scan over every partition of a store is split among the instances that hold them. */
class StoreSharesTests {

    private static final String TOPIC = AnalyticsTopology.productActivityTopic("analytics-service-streams");
    private static final HostInfo A = new HostInfo("analytics-a", 8085);
    private static final HostInfo B = new HostInfo("analytics-b", 8085);

    @Test
    void givesEachInstanceThePartitionsOfTheStoresInputTopicItHolds() {
        Map<HostInfo, Set<Integer>> shares = StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of(
                owner(A, partitions(TOPIC, 0, 2), partitions("analytics.activity.tracked", 1)),
                owner(B, partitions(TOPIC, 1), partitions("analytics.activity.tracked", 0, 2))));

        assertThat(shares).containsExactly(Map.entry(A, Set.of(0, 2)), Map.entry(B, Set.of(1)));
    }

    @Test
    void leavesOutAnInstanceThatHoldsNoPartitionOfTheStore() {
        Map<HostInfo, Set<Integer>> shares = StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of(
                owner(A, partitions(TOPIC, 0, 1, 2)), owner(B, partitions("analytics.activity.tracked", 0))));

        assertThat(shares).containsOnlyKeys(A);
    }

    @Test
    void refusesAPlanWithAPartitionNoInstanceHolds() {
        assertThatThrownBy(() -> StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of(
                owner(A, partitions(TOPIC, 0)), owner(B, partitions(TOPIC, 2)))))
                .isInstanceOf(AnalyticsUnavailable.class)
                .hasMessageContaining("[0, 2]");
    }

    @Test
    void refusesAPlanWithAPartitionTwoInstancesClaim() {
        assertThatThrownBy(() -> StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of(
                owner(A, partitions(TOPIC, 0, 1)), owner(B, partitions(TOPIC, 1, 2)))))
                .isInstanceOf(AnalyticsUnavailable.class)
                .hasMessageContaining("partition 1 has two owners");
    }

    @Test
    void refusesAPlanWhileNoInstanceHoldsTheStore() {
        assertThatThrownBy(() -> StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of()))
                .isInstanceOf(AnalyticsUnavailable.class);
        assertThatThrownBy(() -> StoreShares.of(AnalyticsTopology.PRODUCT_STATS, TOPIC, List.of(
                owner(HostInfo.unavailable(), partitions(TOPIC, 0)))))
                .isInstanceOf(AnalyticsUnavailable.class)
                .hasMessageContaining("without application.server");
    }

    @SafeVarargs
    private static StreamsMetadata owner(HostInfo host, Set<TopicPartition>... assigned) {
        Set<TopicPartition> all = Arrays.stream(assigned).flatMap(Set::stream).collect(Collectors.toSet());
        return new StreamsMetadataImpl(host, Set.of(AnalyticsTopology.PRODUCT_STATS), all, Set.of(), Set.of());
    }

    private static Set<TopicPartition> partitions(String topic, int... partitions) {
        return IntStream.of(partitions).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }
}
