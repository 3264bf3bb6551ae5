package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.ActivityEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Aggregator;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The analytics topology. Sources: {@code analytics.activity.tracked} (keyed by user id) and the four order
 * lifecycle topics (keyed by order id), both read with event time ({@link EventTimestamps}).
 *
 * <pre>
 * activity ─ FirstSeen ─┬─ groupByKey ────────────────────────────── aggregate ─ user-activity
 *                       ├─ flatMap(productId) ─ [product-activity] ── aggregate ─ product-stats
 *                       ├─ map("all") ─ [overview-activity] ──┐
 *                       └─ flatMap(metric) ─ [metrics-activity] ──┐│
 * orders ─ FirstOccurrence ┬─ map("all") ─ [overview-orders] ─────┼┴ cogroup ─ overview
 *                          └─ flatMap("orders") ─ [metrics-orders] ┴ cogroup ─ 1-minute windows ─ activity-per-minute
 * </pre>
 *
 * Every store is persistent (RocksDB) with a changelog topic, and the application runs with
 * {@code exactly_once_v2}: an input offset, the store updates it caused and the records it sent downstream commit
 * in one transaction, so a restart or crash resumes from a consistent point and nothing is lost or counted twice.
 */
final class AnalyticsTopology {

    static final String USER_ACTIVITY = "user-activity";
    static final String PRODUCT_STATS = "product-stats";
    static final String OVERVIEW = "overview";
    static final String ACTIVITY_PER_MINUTE = "activity-per-minute";
    static final String FIRST_SEEN = "activity-first-seen";
    /**
     * A window store since the seen order events are forgotten after a window; the name changed with the store's
     * type, because a window store cannot be restored from the key-value changelog the old one left.
     */
    static final String ORDER_EVENTS_SEEN = "order-events-seen-in-window";

    /** The repartition topic (by product id) whose partitions are those of the {@code product-stats} store. */
    static final String PRODUCT_ACTIVITY = "product-activity";

    /** The one key of the {@code overview} store. */
    static final String OVERVIEW_KEY = "all";
    static final Duration WINDOW_SIZE = Duration.ofMinutes(1);

    static final List<String> ORDER_TOPICS = List.of(Topics.ORDER_PLACED, Topics.ORDER_CONFIRMED,
            Topics.ORDER_CANCELLED, Topics.ORDER_EXPIRED);

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<BigDecimal> AMOUNTS = JsonSerde.of(BigDecimal.class);
    private static final Serde<Overview> OVERVIEWS = JsonSerde.of(Overview.class);

    private AnalyticsTopology() {
    }

    /** The name Kafka Streams gives the {@value #PRODUCT_ACTIVITY} repartition topic of an application. */
    static String productActivityTopic(String applicationId) {
        return applicationId + "-" + PRODUCT_ACTIVITY + "-repartition";
    }

    static void build(StreamsBuilder builder, InsightsProperties properties) {
        Serde<DomainEvent> events = EventSerde.create();
        EventTimestamps eventTime = new EventTimestamps();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FIRST_SEEN), KEYS,
                Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ORDER_EVENTS_SEEN,
                properties.orderDedupWindow(), properties.orderDedupWindow(), false), KEYS, Serdes.Long()));

        KStream<String, Tracked> activity = builder
                .stream(Topics.ACTIVITY_TRACKED, Consumed.with(KEYS, events).withTimestampExtractor(eventTime)
                        .withName("activity-source"))
                .flatMapValues(event -> event instanceof ActivityEvent tracked ? List.of(tracked) : List.of(),
                        Named.as("activity-events"))
                .processValues(FirstSeen::new, Named.as("first-seen"), FIRST_SEEN);

        KStream<String, DomainEvent> orders = builder
                .stream(ORDER_TOPICS, Consumed.with(KEYS, events).withTimestampExtractor(eventTime)
                        .withName("orders-source"))
                .processValues(() -> new FirstOccurrence(properties.orderDedupWindow()), Named.as("first-order-event"),
                        ORDER_EVENTS_SEEN);

        // The activity topic is keyed by user id, so users aggregate in place without a repartition.
        activity.groupByKey()
                .aggregate(UserActivity::empty, (userId, tracked, user) -> user.add(tracked),
                        Named.as("user-activity-aggregate"),
                        Materialized.<String, UserActivity, KeyValueStore<Bytes, byte[]>>as(USER_ACTIVITY)
                                .withKeySerde(KEYS).withValueSerde(JsonSerde.of(UserActivity.class)));

        activity.flatMap((userId, tracked) -> ProductDelta.of(tracked), Named.as("by-product"))
                .groupByKey(Grouped.with(PRODUCT_ACTIVITY, KEYS, JsonSerde.of(ProductDelta.class)))
                .aggregate(ProductStats::empty, (productId, delta, stats) -> stats.plus(productId, delta),
                        Named.as("product-stats-aggregate"),
                        Materialized.<String, ProductStats, KeyValueStore<Bytes, byte[]>>as(PRODUCT_STATS)
                                .withKeySerde(KEYS).withValueSerde(JsonSerde.of(ProductStats.class)));

        // Shop-wide totals live under one key: every delta goes to one partition of the repartition topics. Deltas
        // are small, and a single task summing them is far from a bottleneck at storefront rates.
        Aggregator<String, Overview, Overview> addOverview = (key, delta, total) -> total.plus(delta);
        KGroupedStream<String, Overview> activityTotals = activity
                .map((userId, tracked) -> KeyValue.pair(OVERVIEW_KEY, Overview.of(tracked)),
                        Named.as("activity-overview"))
                .groupByKey(Grouped.with("overview-activity", KEYS, OVERVIEWS));
        KGroupedStream<String, Overview> orderTotals = orders
                .map((orderId, event) -> KeyValue.pair(OVERVIEW_KEY, Overview.of(event)),
                        Named.as("order-overview"))
                .groupByKey(Grouped.with("overview-orders", KEYS, OVERVIEWS));
        activityTotals.cogroup(addOverview)
                .cogroup(orderTotals, addOverview)
                .aggregate(() -> Overview.EMPTY, Named.as("overview-aggregate"),
                        Materialized.<String, Overview, KeyValueStore<Bytes, byte[]>>as(OVERVIEW)
                                .withKeySerde(KEYS).withValueSerde(OVERVIEWS));

        Aggregator<String, BigDecimal, BigDecimal> addAmount = (metric, amount, total) -> total.add(amount);
        KGroupedStream<String, BigDecimal> activityMetrics = activity
                .flatMap((userId, tracked) -> Metric.of(tracked), Named.as("activity-metrics"))
                .groupByKey(Grouped.with("metrics-activity", KEYS, AMOUNTS));
        KGroupedStream<String, BigDecimal> orderMetrics = orders
                .flatMap((orderId, event) -> Metric.ofOrder(event), Named.as("order-metrics"))
                .groupByKey(Grouped.with("metrics-orders", KEYS, AMOUNTS));
        activityMetrics.cogroup(addAmount)
                .cogroup(orderMetrics, addAmount)
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_SIZE, properties.windowGrace()))
                .aggregate(() -> BigDecimal.ZERO, Named.as("per-minute-aggregate"),
                        Materialized.<String, BigDecimal, WindowStore<Bytes, byte[]>>as(ACTIVITY_PER_MINUTE)
                                .withKeySerde(KEYS).withValueSerde(AMOUNTS)
                                .withRetention(properties.windowRetention()));
    }
}
