package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
 * Reads the topology's stores in place (interactive queries). Only while the client is {@code RUNNING}: during
 * start-up, restoration or a rebalance a store may be missing or about to move, and a query then fails with
 * {@link AnalyticsUnavailable} rather than answer from a partial view.
 *
 * <p>One instance holds every partition, so every key is local. To run several instances, set
 * {@code application.server} to each instance's host:port, find the owner of a key with
 * {@code KafkaStreams.queryMetadataForKey(store, key, serializer)} (or Spring Kafka's
 * {@code KafkaStreamsInteractiveQueryService}) and forward the request to it; the overview lives on whichever
 * instance owns its single key, and product scans become a fan-out over {@code streamsMetadataForStore} that merges
 * the partial rankings.
 */
@Component
class AnalyticsQueries {

    private final StreamsBuilderFactoryBean factory;

    AnalyticsQueries(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    Optional<UserActivity> user(String userId) {
        return read(AnalyticsTopology.USER_ACTIVITY, QueryableStoreTypes.<String, UserActivity>keyValueStore(),
                store -> Optional.ofNullable(store.get(userId)));
    }

    Optional<ProductStats> product(String productId) {
        return read(AnalyticsTopology.PRODUCT_STATS, QueryableStoreTypes.<String, ProductStats>keyValueStore(),
                store -> Optional.ofNullable(store.get(productId)));
    }

    Overview overview() {
        return read(AnalyticsTopology.OVERVIEW, QueryableStoreTypes.<String, Overview>keyValueStore(),
                store -> Optional.ofNullable(store.get(AnalyticsTopology.OVERVIEW_KEY)).orElse(Overview.EMPTY));
    }

    /**
     * The best {@code limit} products and how many products there are, in one pass over the product store with a
     * bounded heap. Products are a catalog (thousands), not an unbounded population like users, so a scan is cheap.
     */
    Ranking topProducts(ProductRanking ranking, int limit) {
        return read(AnalyticsTopology.PRODUCT_STATS, QueryableStoreTypes.<String, ProductStats>keyValueStore(),
                store -> rank(store, ranking, limit));
    }

    static Ranking rank(ReadOnlyKeyValueStore<String, ProductStats> store, ProductRanking ranking, int limit) {
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
        return new Ranking(top, count);
    }

    /** Every minute in {@code [from, to)}, both on minute boundaries, with zero for a minute without events. */
    List<Bucket> perMinute(Metric metric, Instant from, Instant to) {
        return read(AnalyticsTopology.ACTIVITY_PER_MINUTE, QueryableStoreTypes.<String, BigDecimal>windowStore(),
                store -> buckets(store, metric, from, to));
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

    private <S, T> T read(String storeName, QueryableStoreType<S> type, Function<S, T> query) {
        KafkaStreams streams = factory.getKafkaStreams();
        KafkaStreams.State state = streams == null ? null : streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new AnalyticsUnavailable(state == null ? "NOT_STARTED" : state.name(), null);
        }
        try {
            return query.apply(streams.store(StoreQueryParameters.fromNameAndType(storeName, type)));
        }
        catch (InvalidStateStoreException ex) {
            // The store moved or closed between the state check and the read (a rebalance began).
            throw new AnalyticsUnavailable(streams.state().name(), ex);
        }
    }

    record Ranking(List<ProductStats> top, long totalProducts) {
    }
}
