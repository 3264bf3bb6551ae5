package dev.eventmart.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import dev.eventmart.analytics.insights.AnalyticsViews.Funnel;
import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventType;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.AuthAction;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.PurchasedItem;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.activity.UserAuthenticated;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's aggregates, record by record, with Kafka Streams' test driver (no broker). */
class AnalyticsTopologyTests {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration DEDUP_WINDOW = Duration.ofDays(14);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> activity;
    private Map<String, TestInputTopic<String, byte[]>> orderTopics;

    @BeforeEach
    void startDriver() {
        startDriver(StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void startDriver(String guarantee) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-topology-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(guarantee).toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        DeadLetters.configure(config);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        AnalyticsTopology.build(builder, new InsightsProperties(GRACE, Duration.ofDays(7), Duration.ofHours(24),
                DEDUP_WINDOW));
        driver = new TopologyTestDriver(builder.build(), config);
        activity = input(EventType.PAGE_VIEWED.topic());
        orderTopics = Map.of(
                EventType.ORDER_PLACED.topic(), input(EventType.ORDER_PLACED.topic()),
                EventType.ORDER_CONFIRMED.topic(), input(EventType.ORDER_CONFIRMED.topic()),
                EventType.ORDER_CANCELLED.topic(), input(EventType.ORDER_CANCELLED.topic()),
                EventType.ORDER_EXPIRED.topic(), input(EventType.ORDER_EXPIRED.topic()));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void countsEachUsersActivityWithSessionsLoginsSpendAndRecentSearches() {
        send(pageView("ada", "s1", T0));
        send(pageView("ada", "s1", T0.plusSeconds(5)));
        send(productView("ada", "s2", "P-1", 10, T0.plusSeconds(10)));
        IntStream.rangeClosed(1, 12).forEach(i -> send(search("ada", "s2", "query " + i, T0.plusSeconds(20 + i))));
        send(addToCart("ada", "s2", "P-1", T0.plusSeconds(40)));
        send(purchase("ada", "s2", "19.98", T0.plusSeconds(50), item("P-1", 2, "9.99")));
        send(purchase("ada", "s3", "5.00", T0.plusSeconds(55), item("P-2", 1, "5.00")));
        send(auth("ada", "s3", AuthAction.LOGIN, T0.plusSeconds(60)));
        send(auth("ada", "s3", AuthAction.FAILED, T0.plusSeconds(70)));
        send(auth("ada", "s3", AuthAction.LOGOUT, T0.plusSeconds(80)));
        // Late event: counted, but the latest activity stays the latest.
        send(pageView("ada", "s1", T0.plusSeconds(1)));
        send(pageView("bob", "s9", T0));

        UserActivity ada = users().get("ada");
        assertThat(ada.userId()).isEqualTo("ada");
        assertThat(ada.pageViews()).isEqualTo(3);
        assertThat(ada.productViews()).isEqualTo(1);
        assertThat(ada.searches()).isEqualTo(12);
        assertThat(ada.cartAdditions()).isEqualTo(1);
        assertThat(ada.purchases()).isEqualTo(2);
        assertThat(ada.totalSpent()).isEqualByComparingTo("24.98");
        assertThat(ada.logins()).isEqualTo(1);
        assertThat(ada.sessions()).isEqualTo(3);
        assertThat(ada.lastLogin()).isEqualTo(T0.plusSeconds(60));
        assertThat(ada.lastActivity()).isEqualTo(T0.plusSeconds(80));
        assertThat(ada.recentSearches()).hasSize(10).startsWith("query 12", "query 11").endsWith("query 3");
        assertThat(users().get("bob").pageViews()).isEqualTo(1);
        assertThat(users().get("nobody")).isNull();
    }

    @Test
    void aggregatesProductsWithUniqueViewersConversionAndAverageViewDuration() {
        send(productView("ada", "s1", "P-1", 10, T0));
        send(productView("ada", "s2", "P-1", 20, T0.plusSeconds(1)));
        send(productView("bob", "s3", "P-1", null, T0.plusSeconds(2)));
        send(productView("bob", "s3", "P-2", 7, T0.plusSeconds(3)));
        send(addToCart("ada", "s2", "P-1", T0.plusSeconds(4)));
        send(addToCart("bob", "s3", "P-1", T0.plusSeconds(5)));
        send(purchase("ada", "s2", "24.97", T0.plusSeconds(6), item("P-1", 2, "9.99"), item("P-2", 1, "4.99")));
        // Purchases count units: the same product on two lines of one purchase adds up both lines' quantities.
        send(purchase("bob", "s3", "29.97", T0.plusSeconds(7), item("P-1", 1, "9.99"), item("P-1", 2, "9.99")));

        ProductStats p1 = products().get("P-1");
        assertThat(p1.productId()).isEqualTo("P-1");
        assertThat(p1.productName()).isEqualTo("Product P-1");
        assertThat(p1.category()).isEqualTo("Keyboards");
        assertThat(p1.views()).isEqualTo(3);
        assertThat(p1.uniqueViewers()).isEqualTo(2);
        assertThat(p1.cartAdditions()).isEqualTo(2);
        assertThat(p1.purchases()).isEqualTo(5);
        assertThat(p1.revenue()).isEqualByComparingTo("49.95");
        assertThat(p1.conversionRate()).isEqualByComparingTo("166.67");
        assertThat(p1.averageViewDurationSeconds()).isEqualByComparingTo("15.00");

        ProductStats p2 = products().get("P-2");
        assertThat(p2.views()).isEqualTo(1);
        assertThat(p2.uniqueViewers()).isEqualTo(1);
        assertThat(p2.purchases()).isEqualTo(1);
        assertThat(p2.revenue()).isEqualByComparingTo("4.99");
        assertThat(p2.conversionRate()).isEqualByComparingTo("100");
        assertThat(p2.averageViewDurationSeconds()).isEqualByComparingTo("7");
    }

    @Test
    void keepsShopWideTotalsWithOrderKpisCountingARepublishedOrderEventOnce() {
        send(pageView("ada", "s1", T0));
        send(pageView("bob", "s2", T0));
        send(productView("ada", "s1", "P-1", 10, T0));
        send(search("carol", "s3", "keyboard", T0));
        send(addToCart("ada", "s1", "P-1", T0));
        send(purchase("ada", "s1", "19.98", T0, item("P-1", 2, "9.99")));
        send(auth("dave", "s4", AuthAction.LOGIN, T0));

        UUID confirmed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        send(placed(confirmed, "115.70"));
        send(placed(cancelled, "10.00"));
        send(placed(expired, "20.00"));
        OrderConfirmed confirmation = confirmed(confirmed, "115.70");
        send(confirmation);
        send(confirmation);
        send(cancelled(cancelled));
        send(expired(expired));

        Overview overview = overview();
        assertThat(overview.users()).isEqualTo(4);
        assertThat(overview.pageViews()).isEqualTo(2);
        assertThat(overview.productViews()).isEqualTo(1);
        assertThat(overview.searches()).isEqualTo(1);
        assertThat(overview.cartAdditions()).isEqualTo(1);
        assertThat(overview.purchases()).isEqualTo(1);
        assertThat(overview.revenue()).isEqualByComparingTo("19.98");
        assertThat(overview.ordersPlaced()).isEqualTo(3);
        assertThat(overview.ordersConfirmed()).isEqualTo(1);
        assertThat(overview.ordersCancelled()).isEqualTo(1);
        assertThat(overview.ordersExpired()).isEqualTo(1);
        assertThat(overview.confirmedRevenue()).isEqualByComparingTo("115.70");
    }

    @Test
    void ranksTopProductsByViewsRevenueAndPurchases() {
        IntStream.range(0, 3).forEach(i -> send(productView("u" + i, "s", "P-A", 5, T0)));
        IntStream.range(0, 2).forEach(i -> send(productView("u" + i, "s", "P-B", 5, T0)));
        send(productView("u0", "s", "P-C", 5, T0));
        send(purchase("u0", "s", "300.00", T0, item("P-C", 3, "100.00")));
        send(purchase("u1", "s", "10.00", T0, item("P-B", 1, "10.00")));
        send(purchase("u2", "s", "10.00", T0, item("P-B", 1, "10.00")));

        assertThat(ids(LocalStores.rank(products(), ProductRanking.VIEWS, 10)))
                .containsExactly("P-A", "P-B", "P-C");
        assertThat(ids(LocalStores.rank(products(), ProductRanking.REVENUE, 2))).containsExactly("P-C", "P-B");
        // In units: one purchase of three beats two purchases of one.
        assertThat(ids(LocalStores.rank(products(), ProductRanking.PURCHASES, 2))).containsExactly("P-C", "P-B");
        assertThat(LocalStores.rank(products(), ProductRanking.VIEWS, 1).totalProducts()).isEqualTo(3);
    }

    @Test
    void countsPerMinuteWithTheBoundaryInTheNextMinute() {
        send(pageView("ada", "s", T0));
        send(pageView("ada", "s", T0.plusSeconds(59).plusMillis(999)));
        send(pageView("ada", "s", T0.plusSeconds(60)));
        send(purchase("ada", "s", "10.50", T0.plusSeconds(61), item("P-1", 1, "10.50")));
        send(purchase("bob", "s", "4.50", T0.plusSeconds(119), item("P-1", 1, "4.50")));
        send(placed(UUID.randomUUID(), "1.00", T0.plusSeconds(30)));

        assertThat(values(Metric.PAGEVIEWS, T0, T0.plusSeconds(180))).containsExactly("2", "1", "0");
        assertThat(values(Metric.PURCHASES, T0, T0.plusSeconds(180))).containsExactly("0", "2", "0");
        assertThat(values(Metric.REVENUE, T0, T0.plusSeconds(180))).containsExactly("0", "15.00", "0");
        assertThat(values(Metric.ORDERS, T0, T0.plusSeconds(120))).containsExactly("1", "0");
        assertThat(values(Metric.SEARCHES, T0, T0.plusSeconds(60))).containsExactly("0");
    }

    @Test
    void countsALateEventWithinTheGracePeriodAndDropsOneBeyondIt() {
        send(search("ada", "s", "a", T0.plusSeconds(10)));
        // Stream time moves on to 12:05; the 12:00 window closes at 12:01 + 5 min grace = 12:06.
        send(search("ada", "s", "b", T0.plusSeconds(300)));
        send(search("bob", "s", "late but within grace", T0.plusSeconds(20)));
        assertThat(values(Metric.SEARCHES, T0, T0.plusSeconds(60))).containsExactly("2");

        // Stream time at 12:07: the 12:00 window is closed for good.
        send(search("ada", "s", "c", T0.plusSeconds(420)));
        send(search("carol", "s", "too late", T0.plusSeconds(30)));
        assertThat(values(Metric.SEARCHES, T0, T0.plusSeconds(60))).containsExactly("2");
        // The user aggregates are not windowed: the late search still counts there.
        assertThat(users().get("carol").searches()).isEqualTo(1);
    }

    @Test
    void derivesTheFunnelFromViewsCartAdditionsAndPurchases() {
        IntStream.range(0, 4).forEach(i -> send(productView("u" + i, "s", "P-1", 5, T0)));
        send(addToCart("u0", "s", "P-1", T0));
        send(addToCart("u1", "s", "P-1", T0));
        send(purchase("u0", "s", "9.99", T0, item("P-1", 1, "9.99")));

        Funnel funnel = Funnel.of(overview());
        assertThat(funnel.productViews()).isEqualTo(4);
        assertThat(funnel.cartAdditions()).isEqualTo(2);
        assertThat(funnel.purchases()).isEqualTo(1);
        assertThat(funnel.viewToCartRate()).isEqualByComparingTo("0.5");
        assertThat(funnel.cartToPurchaseRate()).isEqualByComparingTo("0.5");
        assertThat(Funnel.of(Overview.EMPTY).viewToCartRate()).isEqualByComparingTo("0");
    }

    @Test
    void countsPerMinuteProductViewsAndCartAdditions() {
        send(productView("ada", "s", "P-1", 5, T0));
        send(productView("bob", "s", "P-2", 5, T0.plusSeconds(30)));
        send(addToCart("ada", "s", "P-1", T0.plusSeconds(59).plusMillis(999)));
        send(productView("ada", "s", "P-1", 5, T0.plusSeconds(60)));
        send(addToCart("bob", "s", "P-2", T0.plusSeconds(61)));
        send(addToCart("ada", "s", "P-1", T0.plusSeconds(179)));

        assertThat(values(Metric.PRODUCTVIEWS, T0, T0.plusSeconds(180))).containsExactly("2", "1", "0");
        assertThat(values(Metric.ADDTOCART, T0, T0.plusSeconds(180))).containsExactly("1", "1", "1");
    }

    @Test
    void acceptsALateEventUntilStreamTimeReachesTheWindowEndPlusGraceAndDropsItFromThere() {
        // The 12:00 window ends at 12:01 (exclusive); with 5 min grace it closes when stream time reaches 12:06.
        Instant closes = T0.plus(AnalyticsTopology.WINDOW_SIZE).plus(GRACE);
        send(search("ada", "s", "on time", T0.plusSeconds(10)));

        send(search("ada", "s", "advances stream time", closes.minusMillis(1)));
        send(search("bob", "s", "late, one millisecond before the close", T0.plusSeconds(20)));
        assertThat(values(Metric.SEARCHES, T0, T0.plusSeconds(60))).containsExactly("2");

        send(search("ada", "s", "advances stream time to the close", closes));
        send(search("carol", "s", "late, at the close", T0.plusSeconds(30)));
        assertThat(values(Metric.SEARCHES, T0, T0.plusSeconds(60))).containsExactly("2");

        assertThat(values(Metric.SEARCHES, closes.minusSeconds(60), closes.plusSeconds(60)))
                .containsExactly("1", "1");
        // Dropped from its minute only: the windowless aggregates count it.
        assertThat(users().get("carol").searches()).isEqualTo(1);
        assertThat(overview().searches()).isEqualTo(5);
    }

    @Test
    void countsLateAndOutOfOrderEventsInProductStatsAndOverviewWhateverTheWindowsDrop() {
        send(productView("ada", "s1", "P-1", 10, T0.plusSeconds(600)));
        send(pageView("ada", "s1", T0.plusSeconds(601)));
        // Ten minutes behind stream time, far beyond the grace of the per-minute windows, and out of order.
        send(purchase("bob", "s2", "9.99", T0.plusSeconds(3), item("P-1", 1, "9.99")));
        send(addToCart("bob", "s2", "P-1", T0.plusSeconds(2)));
        send(productView("bob", "s2", "P-1", 20, T0.plusSeconds(1)));
        send(pageView("bob", "s2", T0));

        ProductStats product = products().get("P-1");
        assertThat(product.views()).isEqualTo(2);
        assertThat(product.uniqueViewers()).isEqualTo(2);
        assertThat(product.cartAdditions()).isEqualTo(1);
        assertThat(product.purchases()).isEqualTo(1);
        assertThat(product.revenue()).isEqualByComparingTo("9.99");
        assertThat(product.conversionRate()).isEqualByComparingTo("50");
        assertThat(product.averageViewDurationSeconds()).isEqualByComparingTo("15");

        Overview overview = overview();
        assertThat(overview.users()).isEqualTo(2);
        assertThat(overview.pageViews()).isEqualTo(2);
        assertThat(overview.productViews()).isEqualTo(2);
        assertThat(overview.cartAdditions()).isEqualTo(1);
        assertThat(overview.purchases()).isEqualTo(1);
        assertThat(overview.revenue()).isEqualByComparingTo("9.99");
        assertThat(users().get("bob").lastActivity()).isEqualTo(T0.plusSeconds(3));

        assertThat(values(Metric.PRODUCTVIEWS, T0, T0.plusSeconds(60))).containsExactly("0");
        assertThat(values(Metric.PRODUCTVIEWS, T0.plusSeconds(600), T0.plusSeconds(660))).containsExactly("1");
    }

    @Test
    void countsOrderEventsThatArriveBeforeThePlacementTheyFollow() {
        UUID confirmedFirst = UUID.randomUUID();
        UUID cancelledFirst = UUID.randomUUID();
        UUID expiredFirst = UUID.randomUUID();
        // Different topics, so a reply may overtake the placement: each still counts once, in its own column.
        send(confirmed(confirmedFirst, "115.70"));
        send(cancelled(cancelledFirst));
        send(expired(expiredFirst));
        send(placed(confirmedFirst, "115.70"));
        send(placed(cancelledFirst, "10.00"));
        send(placed(expiredFirst, "20.00"));
        send(confirmed(confirmedFirst, "115.70"));

        Overview overview = overview();
        assertThat(overview.ordersPlaced()).isEqualTo(3);
        assertThat(overview.ordersConfirmed()).isEqualTo(1);
        assertThat(overview.ordersCancelled()).isEqualTo(1);
        assertThat(overview.ordersExpired()).isEqualTo(1);
        assertThat(overview.confirmedRevenue()).isEqualByComparingTo("115.70");
        // The placements come after later events, yet within the grace: they count in the minute they were placed.
        assertThat(values(Metric.ORDERS, T0, T0.plusSeconds(120))).containsExactly("3", "0");
    }

    @Test
    void countsARepublishedOrderEventOnceWhileItsFirstCopyIsInsideTheWindow() {
        UUID orderId = UUID.randomUUID();
        OrderConfirmed confirmation = confirmed(orderId, "115.70", T0);
        send(confirmation);
        // Stream time moves on ten days (another order), then the outbox publishes the first confirmation again.
        send(confirmed(UUID.randomUUID(), "20.00", T0.plus(Duration.ofDays(10))));
        send(confirmation);

        Overview overview = overview();
        assertThat(overview.ordersConfirmed()).isEqualTo(2);
        assertThat(overview.confirmedRevenue()).isEqualByComparingTo("135.70");
        assertThat(seenOrderEvents(EventType.ORDER_CONFIRMED, orderId)).containsExactly(T0.toEpochMilli());
    }

    @Test
    void forgetsOrderEventsOnceStreamTimeHasPassedThemByMoreThanTheWindow() {
        UUID old = UUID.randomUUID();
        send(confirmed(old, "115.70", T0));
        assertThat(seenOrderEvents(EventType.ORDER_CONFIRMED, old)).containsExactly(T0.toEpochMilli());

        UUID recent = UUID.randomUUID();
        Instant later = T0.plus(DEDUP_WINDOW.multipliedBy(2)).plus(Duration.ofDays(1));
        send(confirmed(recent, "20.00", later));

        assertThat(seenOrderEvents(EventType.ORDER_CONFIRMED, old)).isEmpty();
        assertThat(seenOrderEvents(EventType.ORDER_CONFIRMED, recent)).containsExactly(later.toEpochMilli());
        assertThat(overview().ordersConfirmed()).isEqualTo(2);
    }

    @Test
    void keepsSessionsAndViewersApartWhenIdsContainTheSeparator() {
        send(pageView("a|b", "c", T0));
        send(pageView("a", "b|c", T0));
        send(productView("a|b", "s", "c", 5, T0));
        send(productView("a", "s", "b|c", 5, T0));
        send(pageView("x\\", "|y", T0));
        send(pageView("x\\|", "y", T0));

        assertThat(users().get("a|b").sessions()).isEqualTo(2);
        assertThat(users().get("a").sessions()).isEqualTo(2);
        assertThat(users().get("x\\").sessions()).isEqualTo(1);
        assertThat(users().get("x\\|").sessions()).isEqualTo(1);
        assertThat(products().get("c").uniqueViewers()).isEqualTo(1);
        assertThat(products().get("b|c").uniqueViewers()).isEqualTo(1);
    }

    @Test
    void sendsRecordsItCannotReadToTheirTopicsDeadLetterTopicAndGoesOn() {
        // The test driver loses dead-letter records under exactly-once: they are sent when a record is enqueued, into
        // a transaction that is still open when the driver collects its output, and its MockProducer.clear() drops
        // uncommitted sends. Exactly-once on a real broker is ActivityAnalyticsIntegrationTests' to check; this test
        // checks where the records go and what they carry.
        closeDriver();
        startDriver(StreamsConfig.AT_LEAST_ONCE);
        TestOutputTopic<String, byte[]> activityDeadLetters = output(Topics.deadLetterOf(Topics.ACTIVITY_TRACKED));
        TestOutputTopic<String, byte[]> placedDeadLetters = output(Topics.deadLetterOf(Topics.ORDER_PLACED));

        activity.pipeInput(new TestRecord<>("ada", "not json".getBytes(StandardCharsets.UTF_8), T0));
        send(pageView("ada", "s", T0));
        orderTopics.get(Topics.ORDER_PLACED)
                .pipeInput(new TestRecord<>("order-1", "{".getBytes(StandardCharsets.UTF_8), T0));
        send(placed(UUID.randomUUID(), "5.00"));

        TestRecord<String, byte[]> poison = activityDeadLetters.readRecord();
        assertThat(poison.key()).isEqualTo("ada");
        assertThat(poison.value()).asString(StandardCharsets.UTF_8).isEqualTo("not json");
        assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo(Topics.ACTIVITY_TRACKED);
        assertThat(header(poison, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(activityDeadLetters.isEmpty()).isTrue();
        assertThat(placedDeadLetters.readRecord().key()).isEqualTo("order-1");
        assertThat(placedDeadLetters.isEmpty()).isTrue();

        assertThat(users().get("ada").pageViews()).isEqualTo(1);
        assertThat(overview().ordersPlaced()).isEqualTo(1);
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void send(DomainEvent event) {
        EventType type = EventType.of(event);
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(type.topic(),
                EventMetadata.forNewEvent(event, "test", null, Instant.now()), EventCodec.encode(event));
        TestInputTopic<String, byte[]> topic = orderTopics.getOrDefault(type.topic(), activity);
        // The record timestamp is deliberately not the event time: the topology must read occurredAt.
        topic.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), T0.minusSeconds(3600)));
    }

    private KeyValueStore<String, UserActivity> users() {
        return driver.getKeyValueStore(AnalyticsTopology.USER_ACTIVITY);
    }

    private KeyValueStore<String, ProductStats> products() {
        return driver.getKeyValueStore(AnalyticsTopology.PRODUCT_STATS);
    }

    private Overview overview() {
        KeyValueStore<String, Overview> store = driver.getKeyValueStore(AnalyticsTopology.OVERVIEW);
        return store.get(AnalyticsTopology.OVERVIEW_KEY);
    }

    /** When the dedup store saw the order's event of that type, as far as it still remembers. */
    private List<Long> seenOrderEvents(EventType type, UUID orderId) {
        WindowStore<String, Long> store = driver.getWindowStore(AnalyticsTopology.ORDER_EVENTS_SEEN);
        List<Long> seen = new ArrayList<>();
        try (WindowStoreIterator<Long> entries = store.fetch(type.type() + "|" + orderId, 0, Long.MAX_VALUE)) {
            entries.forEachRemaining(entry -> seen.add(entry.value));
        }
        return seen;
    }

    private List<String> values(Metric metric, Instant from, Instant to) {
        WindowStore<String, BigDecimal> store = driver.getWindowStore(AnalyticsTopology.ACTIVITY_PER_MINUTE);
        return LocalStores.buckets(store, metric, from, to).stream().map(Bucket::value)
                .map(BigDecimal::toPlainString).toList();
    }

    private static List<String> ids(TopProducts ranking) {
        return ranking.top().stream().map(ProductStats::productId).toList();
    }

    private static final ClientContext CLIENT = new ClientContext("Mozilla/5.0 (X11; Linux x86_64)",
            DeviceType.DESKTOP, "203.0.113.7");

    static PageViewed pageView(String userId, String sessionId, Instant at) {
        return new PageViewed(userId, sessionId, "/", "Home", 120L, null, CLIENT, at);
    }

    static ProductViewed productView(String userId, String sessionId, String productId, Integer seconds,
            Instant at) {
        return new ProductViewed(userId, sessionId, productId, "Product " + productId, "Keyboards",
                new BigDecimal("9.99"), seconds, "search", CLIENT, at);
    }

    static SearchPerformed search(String userId, String sessionId, String query, Instant at) {
        return new SearchPerformed(userId, sessionId, query, 3, Map.of(), "relevance", 12L, CLIENT, at);
    }

    static ProductAddedToCart addToCart(String userId, String sessionId, String productId, Instant at) {
        return new ProductAddedToCart(userId, sessionId, productId, 1, new BigDecimal("9.99"), new BigDecimal("9.99"),
                1, CLIENT, at);
    }

    static PurchaseCompleted purchase(String userId, String sessionId, String total, Instant at,
            PurchasedItem... items) {
        return new PurchaseCompleted(userId, sessionId, "O-" + UUID.randomUUID(), new BigDecimal(total), "EUR",
                List.of(items), "card", BigDecimal.ZERO, BigDecimal.ZERO, CLIENT, at);
    }

    static PurchasedItem item(String productId, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice);
        return new PurchasedItem(productId, quantity, price, price.multiply(BigDecimal.valueOf(quantity)));
    }

    static UserAuthenticated auth(String userId, String sessionId, AuthAction action, Instant at) {
        boolean success = action != AuthAction.FAILED;
        return new UserAuthenticated(userId, sessionId, action, "password", success,
                success ? null : "bad_password", CLIENT, at);
    }

    private static OrderPlaced placed(UUID orderId, String total) {
        return placed(orderId, total, T0);
    }

    private static OrderPlaced placed(UUID orderId, String total, Instant at) {
        return new OrderPlaced(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"), null, at);
    }

    private static OrderConfirmed confirmed(UUID orderId, String total) {
        return confirmed(orderId, total, T0.plusSeconds(5));
    }

    private static OrderConfirmed confirmed(UUID orderId, String total, Instant at) {
        return new OrderConfirmed(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"),
                UUID.randomUUID(), at);
    }

    private static OrderCancelled cancelled(UUID orderId) {
        return new OrderCancelled(orderId, "ada", "ada@example.com", new ArrayList<>(), Money.of("10.00", "EUR"),
                CancellationReason.OUT_OF_STOCK, null, T0.plusSeconds(5));
    }

    private static OrderExpired expired(UUID orderId) {
        return new OrderExpired(orderId, "ada", "ada@example.com", List.of(), Money.of("20.00", "EUR"), "PENDING",
                T0.plusSeconds(5));
    }

    private static List<OrderLine> lines(String total) {
        return List.of(new OrderLine("P-1", "SKU-1", "Keyboard", 1, Money.of(total, "EUR"), Money.of(total, "EUR")));
    }
}
