package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.stereotype.Component;

/**
 * Answers every query with the whole store, whichever instance it reaches and however many instances share the
 * Kafka Streams application id. Each instance holds the active tasks, and so the store partitions, the group gave it;
 * each advertises where it serves HTTP as {@code application.server} ({@link AdvertisedServer}), so every instance
 * knows every partition's owner.
 * <ul>
 * <li>A key lookup (a user, a product, the overview under its single key, a per-minute series under its metric) asks
 * {@code KafkaStreams.queryMetadataForKey} for the key's partition and its active instance, reads that partition
 * here if it is ours ({@link LocalStores}), and otherwise asks the owner for that partition ({@link Peers}).</li>
 * <li>A scan (the top products) plans from {@code streamsMetadataForStore} which instance answers for which
 * partitions, each partition exactly once ({@link StoreShares}), reads its own share here and asks each other owner
 * for its share's best {@code limit}, then merges ({@link TopProducts#merge}).</li>
 * </ul>
 * A partition is only ever read where it is active, never from a standby that may lag. Whenever the plan cannot hold
 * (this client is not {@code RUNNING}, a partition has no owner, an owner is unreachable or has lost the partition in
 * a rebalance since) the query fails with {@link AnalyticsUnavailable}, {@code 503} with {@code Retry-After}: never
 * a partial figure, nor a "not tracked" from an instance that does not hold the key.
 *
 * <p>Spring Kafka's {@code KafkaStreamsInteractiveQueryService} does the key lookup, but keeps the first
 * {@code KafkaStreams} it saw (the factory bean makes a new one on every restart), retries inside the request
 * thread, and offers nothing for a scan, so the client's own metadata API is used directly.
 */
@Component
class AnalyticsQueries {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final LocalStores local;
    private final Peers peers;
    private final AdvertisedServer server;
    private final String productActivityTopic;

    AnalyticsQueries(LocalStores local, Peers peers, AdvertisedServer server,
            KafkaStreamsConfiguration streamsConfiguration) {
        this.local = local;
        this.peers = peers;
        this.server = server;
        this.productActivityTopic = AnalyticsTopology.productActivityTopic(
                streamsConfiguration.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    Optional<UserActivity> user(String userId) {
        Owner owner = ownerOf(AnalyticsTopology.USER_ACTIVITY, userId);
        return owner.here() ? local.user(owner.partition(), userId)
                : peers.user(owner.host(), owner.partition(), userId);
    }

    Optional<ProductStats> product(String productId) {
        Owner owner = ownerOf(AnalyticsTopology.PRODUCT_STATS, productId);
        return owner.here() ? local.product(owner.partition(), productId)
                : peers.product(owner.host(), owner.partition(), productId);
    }

    Overview overview() {
        Owner owner = ownerOf(AnalyticsTopology.OVERVIEW, AnalyticsTopology.OVERVIEW_KEY);
        return owner.here() ? local.overview(owner.partition()) : peers.overview(owner.host(), owner.partition());
    }

    /** Every minute in {@code [from, to)}, both on minute boundaries, with zero for a minute without events. */
    List<Bucket> perMinute(Metric metric, Instant from, Instant to) {
        Owner owner = ownerOf(AnalyticsTopology.ACTIVITY_PER_MINUTE, metric.key());
        return owner.here() ? local.perMinute(owner.partition(), metric, from, to)
                : peers.perMinute(owner.host(), owner.partition(), metric, from, to);
    }

    /** The best {@code limit} products of the whole store and how many products there are. */
    TopProducts topProducts(ProductRanking ranking, int limit) {
        KafkaStreams streams = local.running();
        Map<HostInfo, Set<Integer>> shares;
        try {
            shares = StoreShares.of(AnalyticsTopology.PRODUCT_STATS, productActivityTopic,
                    streams.streamsMetadataForStore(AnalyticsTopology.PRODUCT_STATS));
        }
        catch (InvalidStateStoreException ex) {
            throw AnalyticsUnavailable.whileStreams(streams.state().name(), ex);
        }
        List<TopProducts> parts = new ArrayList<>(shares.size());
        shares.forEach((host, partitions) -> parts.add(isThisInstance(host)
                ? local.topProducts(partitions, ranking, limit)
                : peers.topProducts(host, partitions, ranking, limit)));
        return TopProducts.merge(parts, ranking, limit);
    }

    private Owner ownerOf(String store, String key) {
        KafkaStreams streams = local.running();
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEYS);
        }
        catch (InvalidStateStoreException ex) {
            throw AnalyticsUnavailable.whileStreams(streams.state().name(), ex);
        }
        if (metadata == null || metadata.partition() < 0 || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw AnalyticsUnavailable.ownerUnknown(store, "its partition has no active instance");
        }
        return new Owner(metadata.activeHost(), metadata.partition(), isThisInstance(metadata.activeHost()));
    }

    private boolean isThisInstance(HostInfo host) {
        return server.hostInfo().map(host::equals).orElse(false);
    }

    private record Owner(HostInfo host, int partition, boolean here) {
    }
}
