package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.test.ConsumerGroups;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Activity posted over REST, through Kafka and the Kafka Streams topology, read back over REST with exact numbers.
 * Every test uses user and product ids of its own; shop-wide numbers are compared with what they were before.
 */
@ServiceIntegrationTest
class ActivityAnalyticsIntegrationTests {

    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    private RestTestClient http;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Value("${spring.kafka.streams.application-id}")
    private String streamsApplicationId;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void streamsRunning() {
        StreamsRunning.await(streams);
    }

    @Test
    void tracksActivityOverRestAndServesExactAnalytics() {
        String ada = "ada-" + run;
        String bob = "bob-" + run;
        String keyboard = "P-" + run;
        String mouse = "Q-" + run;
        Map<String, Object> before = settledOverview();

        UUID pageViewId;
        Instant sent = Instant.now();
        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            pageViewId = post("pageview", """
                    {"userId": "%s", "sessionId": "s1", "pageUrl": "/", "pageTitle": "Home", "loadTimeMs": 120}
                    """.formatted(ada));
            ReceivedEvent received = probe.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(pageViewId));
            PageViewed event = (PageViewed) received.event();
            assertThat(received.key()).isEqualTo(ada);
            assertThat(event.client().deviceType()).isEqualTo(DeviceType.MOBILE);
            assertThat(event.client().userAgent()).isEqualTo(IPHONE);
            assertThat(event.client().clientIp()).isEqualTo("198.51.100.7");
            assertThat(event.occurredAt()).isBetween(sent.minusMillis(1), Instant.now());
        }
        post("productview", productView(ada, "s1", keyboard, 10));
        post("productview", productView(bob, "s2", keyboard, 20));
        post("productview", productView(ada, "s1", keyboard, null));
        post("search", """
                {"userId": "%s", "sessionId": "s1", "searchQuery": "keyboard", "resultsCount": 3,
                 "filters": {"category": "Keyboards"}, "sortBy": "price", "responseTimeMs": 12}
                """.formatted(ada));
        post("addtocart", """
                {"userId": "%s", "sessionId": "s1", "productId": "%s", "quantity": 2, "price": 9.99,
                 "cartTotal": 19.98, "cartItemCount": 2}
                """.formatted(ada, keyboard));
        post("purchase", """
                {"userId": "%s", "sessionId": "s1", "orderId": "O-%s", "totalAmount": 19.98, "currency": "EUR",
                 "items": [{"productId": "%s", "quantity": 2, "unitPrice": 9.99, "totalPrice": 19.98}],
                 "paymentMethod": "card", "discountAmount": 0, "taxAmount": 3.19}
                """.formatted(ada, run, keyboard));
        post("auth", """
                {"userId": "%s", "sessionId": "s1", "action": "LOGIN", "method": "password", "success": true}
                """.formatted(ada));
        http.post().uri("/api/activity/batch").contentType(MediaType.APPLICATION_JSON).body("""
                [{"eventType": "pageview", "data": {"userId": "%s", "sessionId": "s2", "pageUrl": "/cart"}},
                 {"eventType": "hover", "data": {"userId": "%s"}},
                 {"eventType": "productview", "data": %s},
                 {"eventType": "productview", "data": {"userId": "%s", "sessionId": "s2"}}]
                """.formatted(bob, bob, productView(bob, "s3", mouse, 5), bob))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.accepted").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(2)
                .jsonPath("$.results[0].index").isEqualTo(0)
                .jsonPath("$.results[0].eventId").isNotEmpty()
                .jsonPath("$.results[1].error").value(String.class, error -> assertThat(error).contains("eventType"))
                .jsonPath("$.results[2].eventId").isNotEmpty()
                .jsonPath("$.results[3].error").value(String.class,
                        error -> assertThat(error).contains("data.productId"));

        awaitAsserted(() -> http.get().uri("/api/analytics/users/{id}", ada).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo(ada)
                .jsonPath("$.pageViews").isEqualTo(1)
                .jsonPath("$.productViews").isEqualTo(2)
                .jsonPath("$.searches").isEqualTo(1)
                .jsonPath("$.cartAdditions").isEqualTo(1)
                .jsonPath("$.purchases").isEqualTo(1)
                .jsonPath("$.logins").isEqualTo(1)
                .jsonPath("$.totalSpent").isEqualTo(19.98)
                .jsonPath("$.sessions").isEqualTo(1)
                .jsonPath("$.lastLogin").isNotEmpty()
                .jsonPath("$.lastActivity").isNotEmpty()
                .jsonPath("$.recentSearches").isEqualTo(List.of("keyboard")));
        awaitAsserted(() -> http.get().uri("/api/analytics/users/{id}", bob).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pageViews").isEqualTo(1)
                .jsonPath("$.productViews").isEqualTo(2)
                .jsonPath("$.sessions").isEqualTo(2));
        awaitAsserted(() -> http.get().uri("/api/analytics/products/{id}", keyboard).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.productId").isEqualTo(keyboard)
                .jsonPath("$.productName").isEqualTo("Keyboard " + keyboard)
                .jsonPath("$.category").isEqualTo("Keyboards")
                .jsonPath("$.views").isEqualTo(3)
                .jsonPath("$.uniqueViewers").isEqualTo(2)
                .jsonPath("$.cartAdditions").isEqualTo(1)
                .jsonPath("$.purchases").isEqualTo(1)
                .jsonPath("$.revenue").isEqualTo(19.98)
                .jsonPath("$.conversionRate").isEqualTo(0.3333)
                .jsonPath("$.averageViewDurationSeconds").isEqualTo(15.0));

        Map<String, Object> after = awaitOverview(overview -> delta(before, overview, "totalProductViews") == 4
                && delta(before, overview, "totalPageViews") == 2);
        assertThat(delta(before, after, "totalUsers")).isEqualTo(2);
        assertThat(delta(before, after, "totalProducts")).isEqualTo(2);
        assertThat(delta(before, after, "totalSearches")).isEqualTo(1);
        assertThat(delta(before, after, "totalPurchases")).isEqualTo(1);
        assertThat(decimal(after, "totalRevenue").subtract(decimal(before, "totalRevenue")))
                .isEqualByComparingTo("19.98");

        http.get().uri("/api/analytics/products/top?by=revenue&limit=100").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.productId == '%s')].revenue".formatted(keyboard)).isEqualTo(List.of(19.98));
        String now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
        http.get().uri("/api/analytics/timeseries?metric=productviews&from={from}&to={to}",
                        Instant.parse(now).minus(Duration.ofMinutes(1)), Instant.parse(now).plus(Duration.ofMinutes(1)))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.metric").isEqualTo("productviews")
                .jsonPath("$.buckets.length()").isEqualTo(2)
                .jsonPath("$.buckets[1].start").isEqualTo(now);
        http.get().uri("/api/analytics/funnel").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.productViews").isNumber()
                .jsonPath("$.viewToCartRate").isNumber();
    }

    @Test
    void rejectsInvalidActivityNamingTheFieldsAndPublishesNothing() {
        String user = "eve-" + run;
        http.post().uri("/api/activity/productview").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"userId": "%s", "sessionId": "s1", "price": -1}
                        """.formatted(user))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'productId')]").exists()
                .jsonPath("$.errors[?(@.field == 'price')]").exists();
        http.post().uri("/api/activity/purchase").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"userId": "%s", "sessionId": "s1", "orderId": "O-1", "totalAmount": 5, "currency": "eur",
                         "items": [{"productId": "P-1", "quantity": 0, "unitPrice": 5}]}
                        """.formatted(user))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'currency')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[0].quantity')]").exists();
        http.post().uri("/api/activity/batch").contentType(MediaType.APPLICATION_JSON).body("[]")
                .exchange()
                .expectStatus().isBadRequest();

        // Same user, same partition, sent after the invalid ones: once it is counted, they would have been too.
        post("pageview", """
                {"userId": "%s", "sessionId": "s1", "pageUrl": "/"}
                """.formatted(user));
        awaitAsserted(() -> http.get().uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pageViews").isEqualTo(1)
                .jsonPath("$.productViews").isEqualTo(0)
                .jsonPath("$.purchases").isEqualTo(0));
    }

    @Test
    void refusesABatchOverTheLimit() {
        String item = """
                {"eventType": "pageview", "data": {"userId": "u", "sessionId": "s", "pageUrl": "/"}}""";
        String batch = "[" + String.join(",", Collections.nCopies(1001, item)) + "]";
        http.post().uri("/api/activity/batch").contentType(MediaType.APPLICATION_JSON).body(batch)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("1000"));
    }

    @Test
    void answersUnknownIdsAndInvalidQueriesWithProblems() {
        http.get().uri("/api/analytics/users/nobody-{run}", run).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/analytics/products/nothing-{run}", run).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/analytics/timeseries?metric=clicks").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("metric");
        http.get().uri("/api/analytics/timeseries?metric=orders&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/analytics/timeseries?metric=orders&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/analytics/timeseries?metric=orders&from=yesterday").exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/analytics/products/top?limit=0").exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/analytics/products/top?by=likes").exchange()
                .expectStatus().isBadRequest();
    }

    private UUID post(String type, String body) {
        String eventId = http.post().uri("/api/activity/{type}", type)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, IPHONE)
                .header("X-Forwarded-For", "198.51.100.7, 10.0.0.1")
                .body(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("eventId").toString();
        return UUID.fromString(eventId);
    }

    private static String productView(String userId, String sessionId, String productId, Integer seconds) {
        return """
                {"userId": "%s", "sessionId": "%s", "productId": "%s", "productName": "Keyboard %s",
                 "category": "Keyboards", "price": 9.99, "viewDurationSeconds": %s, "source": "search"}
                """.formatted(userId, sessionId, productId, productId, seconds);
    }

    /**
     * The overview once everything sent so far has been counted: the Streams application has committed the whole
     * activity topic, and the shop-wide totals (one repartition hop further) have stopped moving.
     */
    private Map<String, Object> settledOverview() {
        ConsumerGroups.awaitCaughtUp(streamsApplicationId, Topics.ACTIVITY_TRACKED);
        AtomicReference<Map<String, Object>> previous = new AtomicReference<>();
        return Awaitility.await().pollInterval(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> {
            Map<String, Object> current = overview();
            return Objects.equals(previous.getAndSet(current), current) ? current : null;
        }, Objects::nonNull);
    }

    private Map<String, Object> awaitOverview(Predicate<Map<String, Object>> reached) {
        return Awaitility.await().atMost(TIMEOUT).until(this::overview, reached);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> overview() {
        return http.get().uri("/api/analytics/overview").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String field) {
        return ((Number) after.get(field)).longValue() - ((Number) before.get(field)).longValue();
    }

    private static BigDecimal decimal(Map<String, Object> overview, String field) {
        return new BigDecimal(overview.get(field).toString());
    }

    private static void awaitAsserted(Runnable assertion) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion::run);
    }
}
