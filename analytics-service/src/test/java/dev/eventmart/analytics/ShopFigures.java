package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.test.ConsumerGroups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The shop-wide analytics at one moment, read over REST: overview (with its orders block), funnel and every per-minute
 * series over {@code [from, to)}. Other tests of the context add to the same totals, so a test compares the figures
 * after its events with those before them: the difference is exactly what its events added.
 */
record ShopFigures(Map<String, Object> overview, Map<String, Object> funnel, Map<String, List<BigDecimal>> perMinute) {

    static final List<String> METRICS = List.of("pageviews", "productviews", "searches", "addtocart", "purchases",
            "orders", "revenue");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * The figures once everything sent so far has been counted: the Streams application has committed every source
     * topic, and the shop-wide totals (one repartition hop further) have stopped moving: two reads in a row, both
     * answered {@code 200}, the same. A read answered otherwise (a {@code 503} while a rebalance moves the stores)
     * starts the count again.
     */
    static ShopFigures settled(RestTestClient http, String streamsApplicationId, Instant from, Instant to) {
        ConsumerGroups.awaitCaughtUp(streamsApplicationId, Topics.ACTIVITY_TRACKED);
        for (String topic : List.of(Topics.ORDER_PLACED, Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED,
                Topics.ORDER_EXPIRED)) {
            ConsumerGroups.awaitCaughtUp(streamsApplicationId, topic);
        }
        AtomicReference<ShopFigures> previous = new AtomicReference<>();
        return Awaitility.await("shop-wide figures settle").pollInterval(Duration.ofMillis(500)).atMost(TIMEOUT)
                .until(() -> {
                    ShopFigures current;
                    try {
                        current = read(http, from, to);
                    }
                    catch (AssertionError unavailable) {
                        previous.set(null);
                        return null;
                    }
                    return Objects.equals(previous.getAndSet(current), current) ? current : null;
                }, Objects::nonNull);
    }

    /**
     * Waits until the figures pass {@code assertions}, then checks that they keep passing for two more seconds: a
     * record counted twice (a replay after a restart, a republished event) would show up late.
     */
    static void awaitExactly(RestTestClient http, Instant from, Instant to, Consumer<ShopFigures> assertions) {
        Awaitility.await("shop-wide figures").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertions.accept(read(http, from, to)));
        Awaitility.await("shop-wide figures stay").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertions.accept(read(http, from, to)));
    }

    @SuppressWarnings("unchecked")
    static ShopFigures read(RestTestClient http, Instant from, Instant to) {
        Map<String, Object> overview = http.get().uri("/api/analytics/overview").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> funnel = http.get().uri("/api/analytics/funnel").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<BigDecimal>> perMinute = new LinkedHashMap<>();
        for (String metric : METRICS) {
            Map<String, Object> series = http.get().uri("/api/analytics/timeseries?metric={metric}&from={from}&to={to}",
                            metric, from, to)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            perMinute.put(metric, ((List<Map<String, Object>>) series.get("buckets")).stream()
                    .map(bucket -> new BigDecimal(bucket.get("value").toString())).toList());
        }
        return new ShopFigures(overview, funnel, perMinute);
    }

    /** What was added to a count of the overview since {@code before}. */
    long added(ShopFigures before, String field) {
        return count(overview, field) - count(before.overview, field);
    }

    /** What was added to an amount of the overview since {@code before}. */
    BigDecimal amountAdded(ShopFigures before, String field) {
        return amount(overview, field).subtract(amount(before.overview, field));
    }

    long ordersAdded(ShopFigures before, String field) {
        return count(orders(), field) - count(before.orders(), field);
    }

    BigDecimal confirmedRevenueAdded(ShopFigures before) {
        return amount(orders(), "confirmedRevenue").subtract(amount(before.orders(), "confirmedRevenue"));
    }

    long funnelAdded(ShopFigures before, String field) {
        return count(funnel, field) - count(before.funnel, field);
    }

    /** The funnel's rates must be the rates of its own totals, rounded as the API documents (four places). */
    void assertFunnelRatesMatchItsTotals() {
        assertThat(amount(funnel, "viewToCartRate"))
                .isEqualByComparingTo(rate(count(funnel, "cartAdditions"), count(funnel, "productViews")));
        assertThat(amount(funnel, "cartToPurchaseRate"))
                .isEqualByComparingTo(rate(count(funnel, "purchases"), count(funnel, "cartAdditions")));
    }

    /** Per metric, what each minute gained since {@code before}, as plain decimals ({@code "0"}, {@code "19.98"}). */
    Map<String, List<String>> perMinuteAdded(ShopFigures before) {
        Map<String, List<String>> added = new LinkedHashMap<>();
        perMinute.forEach((metric, values) -> {
            List<String> gains = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                gains.add(plain(values.get(i).subtract(before.perMinute.get(metric).get(i))));
            }
            added.put(metric, gains);
        });
        return added;
    }

    /**
     * What the given events add to each per-minute series over {@code [from, to)}, by the time each event says it
     * happened: the API's contract for {@code /timeseries}, written out independently of the topology.
     */
    static Map<String, List<String>> perMinuteOf(Collection<? extends DomainEvent> events, Instant from, Instant to) {
        int minutes = (int) Duration.between(from, to).toMinutes();
        Map<String, List<BigDecimal>> sums = new LinkedHashMap<>();
        METRICS.forEach(metric -> sums.put(metric, new ArrayList<>(Collections.nCopies(minutes, BigDecimal.ZERO))));
        for (DomainEvent event : events) {
            switch (event) {
                case PageViewed view -> add(sums, "pageviews", view.occurredAt(), from, BigDecimal.ONE);
                case ProductViewed view -> add(sums, "productviews", view.occurredAt(), from, BigDecimal.ONE);
                case SearchPerformed search -> add(sums, "searches", search.occurredAt(), from, BigDecimal.ONE);
                case ProductAddedToCart cart -> add(sums, "addtocart", cart.occurredAt(), from, BigDecimal.ONE);
                case PurchaseCompleted purchase -> {
                    add(sums, "purchases", purchase.occurredAt(), from, BigDecimal.ONE);
                    add(sums, "revenue", purchase.occurredAt(), from, purchase.totalAmount());
                }
                case OrderPlaced placed -> add(sums, "orders", placed.placedAt(), from, BigDecimal.ONE);
                default -> {
                }
            }
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        sums.forEach((metric, values) -> expected.put(metric, values.stream().map(ShopFigures::plain).toList()));
        return expected;
    }

    private static void add(Map<String, List<BigDecimal>> sums, String metric, Instant at, Instant from,
            BigDecimal amount) {
        int minute = (int) Duration.between(from, at.truncatedTo(ChronoUnit.MINUTES)).toMinutes();
        List<BigDecimal> values = sums.get(metric);
        assertThat(minute).as("%s at %s within the queried minutes from %s", metric, at, from)
                .isBetween(0, values.size() - 1);
        values.set(minute, values.get(minute).add(amount));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> orders() {
        return (Map<String, Object>) overview.get("orders");
    }

    private static long count(Map<String, Object> figures, String field) {
        return ((Number) figures.get(field)).longValue();
    }

    private static BigDecimal amount(Map<String, Object> figures, String field) {
        return new BigDecimal(figures.get(field).toString());
    }

    private static BigDecimal rate(long numerator, long denominator) {
        return denominator == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
