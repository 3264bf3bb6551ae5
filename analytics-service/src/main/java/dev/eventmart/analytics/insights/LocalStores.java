package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * This instance's partitions of the topology's stores, read in place (interactive queries), one named partition at a
 * time. Only while the client is {@code RUNNING}, and only from a partition that is active here: during start-up,
 * restoration or a rebalance a store may be missing or about to move, and a partition that is elsewhere now would
 * answer with nothing, which is not the same as "nothing tracked". Either way the read fails with
 * {@link AnalyticsUnavailable} rather than answer from a partial view. Standby replicas are never read: they may lag.
 */
@Component
class LocalStores {

    private final StreamsBuilderFactoryBean factory;

    LocalStores(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    Optional<UserActivity> user(int partition, String userId) {
        return read(AnalyticsTopology.USER_ACTIVITY, QueryableStoreTypes.<String, UserActivity>keyValueStore(),
                partition, store -> Optional.ofNullable(store.get(userId)));
    }

    Optional<ProductStats> product(int partition, String productId) {
        return read(AnalyticsTopology.PRODUCT_STATS, QueryableStoreTypes.<String, ProductStats>keyValueStore(),
                partition, store -> Optional.ofNullable(store.get(productId)));
    }

    Overview overview(int partition) {
        return read(AnalyticsTopology.OVERVIEW, QueryableStoreTypes.<String, Overview>keyValueStore(), partition,
                store -> Optional.ofNullable(store.get(AnalyticsTopology.OVERVIEW_KEY)).orElse(Overview.EMPTY));
    }

    /** Every minute in {@code [from, to)}, both on minute boundaries, with zero for a minute without events. */
    List<Bucket> perMinute(int partition, Metric metric, Instant from, Instant to) {
        return read(AnalyticsTopology.ACTIVITY_PER_MINUTE, QueryableStoreTypes.<String, BigDecimal>windowStore(),
                partition, store -> buckets(store, metric, from, to));
    }

    /**
     * The best {@code limit} products of the given partitions of the product store and how many products they hold,
     * one pass over each with a bounded heap. Products are a catalog (thousands), not an unbounded population like
     * users, so a scan is cheap.
     */
    TopProducts topProducts(Collection<Integer> partitions, ProductRanking ranking, int limit) {
        List<TopProducts> parts = new ArrayList<>();
        for (int partition : partitions) {
            parts.add(read(AnalyticsTopology.PRODUCT_STATS,
                    QueryableStoreTypes.<String, ProductStats>keyValueStore(), partition,
                    store -> rank(store, ranking, limit)));
        }
        return TopProducts.merge(parts, ranking, limit);
    }

    /** The client, if it is {@code RUNNING}: only then do its stores and its view of the group hold still. */
    KafkaStreams running() {
        KafkaStreams streams = factory.getKafkaStreams();
        KafkaStreams.State state = streams == null ? null : streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw AnalyticsUnavailable.whileStreams(state == null ? "NOT_STARTED" : state.name(), null);
        }
        return streams;
    }

    static TopProducts rank(ReadOnlyKeyValueStore<String, ProductStats> store, ProductRanking ranking, int limit) {
        PriorityQueue<ProductStats> best = new PriorityQueue<>(ranking.order().reversed());
        long count = 0;
        try (KeyValueIterator<String, ProductStats> all = store.all()) {
            while (all.hasNext()) {
                count++;
                best.add(all.next().value);
                if (best.size() > limit) {
                    best.poll();
                }
            }
        }
        List<ProductStats> top = new ArrayList<>(best);
        top.sort(ranking.order());
        return new TopProducts(top, count);
    }

    static List<Bucket> buckets(ReadOnlyWindowStore<String, BigDecimal> store, Metric metric, Instant from,
            Instant to) {
        Map<Long, BigDecimal> values = new HashMap<>();
        try (WindowStoreIterator<BigDecimal> windows = store.fetch(metric.key(), from, to.minusMillis(1))) {
            while (windows.hasNext()) {
                KeyValue<Long, BigDecimal> window = windows.next();
                values.put(window.key, window.value);
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(AnalyticsTopology.WINDOW_SIZE)) {
            buckets.add(new Bucket(start, start.plus(AnalyticsTopology.WINDOW_SIZE),
                    values.getOrDefault(start.toEpochMilli(), BigDecimal.ZERO)));
        }
        return buckets;
    }

    private <S, T> T read(String storeName, QueryableStoreType<S> type, int partition, Function<S, T> query) {
        KafkaStreams streams = running();
        try {
            return query.apply(streams.store(StoreQueryParameters.fromNameAndType(storeName, type)
                    .withPartition(partition)));
        }
        catch (InvalidStateStoreException ex) {
            KafkaStreams.State state = streams.state();
            if (state != KafkaStreams.State.RUNNING) {
                // The store closed between the state check and the read (a rebalance began).
                throw AnalyticsUnavailable.whileStreams(state.name(), ex);
            }
            throw AnalyticsUnavailable.partitionMoved(storeName, partition, ex);
        }
    }
}
