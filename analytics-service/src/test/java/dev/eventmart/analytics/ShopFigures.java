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
    private static void awaitExactly(RestTestClient http, Instant from, Instant to, Consumer<ShopFigures> assertions) {
        Awaitility.await("shop-wide figures").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertions.accept(read(http, from, to)));
        Awaitility.await("shop-wide figures stay").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertions.accept(read(http, from, to)));
    }

    /**
     * Waits until exactly {@code expected} has been added since {@code before}, every figure of it and no other, and
     * the per-minute series have gained what {@code events} make of them ({@link #perMinuteOf}); then checks that it
     * stays so ({@link #awaitExactly}). The one assertion of the shop-wide figures the analytics tests share.
     */
    static void awaitAdded(RestTestClient http, Instant from, Instant to, ShopFigures before, Added expected,
            Collection<? extends DomainEvent> events) {
        Map<String, List<String>> perMinute = perMinuteOf(events, from, to);
        awaitExactly(http, from, to, after -> {
            assertThat(after.addedSince(before)).as("shop-wide figures added").isEqualTo(expected.figures());
            after.assertFunnelRatesMatchItsTotals();
            assertThat(after.perMinuteAdded(before)).as("per-minute figures added").isEqualTo(perMinute);
        });
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

    /** Every figure of the overview, its orders block and the funnel, as gained since {@code before}. */
    private Map<String, String> addedSince(ShopFigures before) {
        Map<String, String> added = new LinkedHashMap<>();
        added.put("users", String.valueOf(countAdded(overview, before.overview, "totalUsers")));
        added.put("products", String.valueOf(countAdded(overview, before.overview, "totalProducts")));
        added.put("pageViews", String.valueOf(countAdded(overview, before.overview, "totalPageViews")));
        added.put("productViews", String.valueOf(countAdded(overview, before.overview, "totalProductViews")));
        added.put("searches", String.valueOf(countAdded(overview, before.overview, "totalSearches")));
        added.put("purchases", String.valueOf(countAdded(overview, before.overview, "totalPurchases")));
        added.put("revenue", plain(amountAdded(overview, before.overview, "totalRevenue")));
        added.put("orders.placed", String.valueOf(countAdded(orders(), before.orders(), "placed")));
        added.put("orders.confirmed", String.valueOf(countAdded(orders(), before.orders(), "confirmed")));
        added.put("orders.cancelled", String.valueOf(countAdded(orders(), before.orders(), "cancelled")));
        added.put("orders.expired", String.valueOf(countAdded(orders(), before.orders(), "expired")));
        added.put("orders.confirmedRevenue", plain(amountAdded(orders(), before.orders(), "confirmedRevenue")));
        added.put("funnel.productViews", String.valueOf(countAdded(funnel, before.funnel, "productViews")));
        added.put("funnel.cartAdditions", String.valueOf(countAdded(funnel, before.funnel, "cartAdditions")));
        added.put("funnel.purchases", String.valueOf(countAdded(funnel, before.funnel, "purchases")));
        return added;
    }

    /** The funnel's rates must be the rates of its own totals, rounded as the API documents (four places). */
    private void assertFunnelRatesMatchItsTotals() {
        assertThat(amount(funnel, "viewToCartRate"))
                .isEqualByComparingTo(rate(count(funnel, "cartAdditions"), count(funnel, "productViews")));
        assertThat(amount(funnel, "cartToPurchaseRate"))
                .isEqualByComparingTo(rate(count(funnel, "purchases"), count(funnel, "cartAdditions")));
    }

    /** Per metric, what each minute gained since {@code before}, as plain decimals ({@code "0"}, {@code "19.98"}). */
    private Map<String, List<String>> perMinuteAdded(ShopFigures before) {
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

    private static long countAdded(Map<String, Object> now, Map<String, Object> before, String field) {
        return count(now, field) - count(before, field);
    }

    private static BigDecimal amountAdded(Map<String, Object> now, Map<String, Object> before, String field) {
        return amount(now, field).subtract(amount(before, field));
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

    /**
     * What a test's events are expected to add to the shop-wide figures. A figure not set is expected not to move,
     * so an event counted where it does not belong fails the test as surely as one not counted; the funnel's
     * product views and purchases are the overview's. Written as {@code Added.nothing().users(2).pageViews(3)}.
     */
    static final class Added {

        private long users;
        private long products;
        private long pageViews;
        private long productViews;
        private long searches;
        private long cartAdditions;
        private long purchases;
        private BigDecimal revenue = BigDecimal.ZERO;
        private long ordersPlaced;
        private long ordersConfirmed;
        private long ordersCancelled;
        private long ordersExpired;
        private BigDecimal confirmedRevenue = BigDecimal.ZERO;

        private Added() {
        }

        static Added nothing() {
            return new Added();
        }

        Added users(long users) {
            this.users = users;
            return this;
        }

        Added products(long products) {
            this.products = products;
            return this;
        }

        Added pageViews(long pageViews) {
            this.pageViews = pageViews;
            return this;
        }

        Added productViews(long productViews) {
            this.productViews = productViews;
            return this;
        }

        Added searches(long searches) {
            this.searches = searches;
            return this;
        }

        Added cartAdditions(long cartAdditions) {
            this.cartAdditions = cartAdditions;
            return this;
        }

        Added purchases(long purchases) {
            this.purchases = purchases;
            return this;
        }

        Added revenue(String revenue) {
            this.revenue = new BigDecimal(revenue);
            return this;
        }

        Added ordersPlaced(long ordersPlaced) {
            this.ordersPlaced = ordersPlaced;
            return this;
        }

        Added ordersConfirmed(long ordersConfirmed, String confirmedRevenue) {
            this.ordersConfirmed = ordersConfirmed;
            this.confirmedRevenue = new BigDecimal(confirmedRevenue);
            return this;
        }

        Added ordersCancelled(long ordersCancelled) {
            this.ordersCancelled = ordersCancelled;
            return this;
        }

        Added ordersExpired(long ordersExpired) {
            this.ordersExpired = ordersExpired;
            return this;
        }

        /** In the shape of {@link ShopFigures#addedSince}, so a failure lists every figure side by side. */
        private Map<String, String> figures() {
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("users", String.valueOf(users));
            figures.put("products", String.valueOf(products));
            figures.put("pageViews", String.valueOf(pageViews));
            figures.put("productViews", String.valueOf(productViews));
            figures.put("searches", String.valueOf(searches));
            figures.put("purchases", String.valueOf(purchases));
            figures.put("revenue", plain(revenue));
            figures.put("orders.placed", String.valueOf(ordersPlaced));
            figures.put("orders.confirmed", String.valueOf(ordersConfirmed));
            figures.put("orders.cancelled", String.valueOf(ordersCancelled));
            figures.put("orders.expired", String.valueOf(ordersExpired));
            figures.put("orders.confirmedRevenue", plain(confirmedRevenue));
            figures.put("funnel.productViews", String.valueOf(productViews));
            figures.put("funnel.cartAdditions", String.valueOf(cartAdditions));
            figures.put("funnel.purchases", String.valueOf(purchases));
            return figures;
        }
    }
}
