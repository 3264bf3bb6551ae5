package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.analytics.ShopFigures.Added;
import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many full batches posted at once, as fast as the service takes them, then every figure read back exactly: each
 * accepted event counted once per user, per product and shop-wide, no rejected item counted, and the topic holding
 * exactly the accepted events. The figures a batch adds are worked out here from what the service answered, not
 * from what was sent, so a batch refused as a whole ({@code 503} when ingestion is saturated) only shrinks them.
 */
@ServiceIntegrationTest
class BatchIngestionExactCountsIntegrationTests {

    private static final int BATCHES = 40;
    private static final int BATCH_SIZE = 500;
    private static final int CONCURRENT_REQUESTS = 8;
    /** Prime to the four item types, so every user and every product gets items of each type. */
    private static final int USERS = 49;
    private static final int PRODUCTS = 7;
    private static final String UNIT_PRICE = "2.50";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

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
    void countsEveryAcceptedEventOfConcurrentBatchesExactlyOnce() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofMinutes(10));
        ShopFigures before = ShopFigures.settled(http, streamsApplicationId, from, to);

        Expected expected = new Expected();
        List<ActivityEvent> tracked;
        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            try (HttpClient client = HttpClient.newHttpClient();
                    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENT_REQUESTS)) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int batch = 0; batch < BATCHES; batch++) {
                    String body = batch(batch);
                    answers.add(senders.submit(() -> client.send(post(body), HttpResponse.BodyHandlers.ofString())));
                }
                for (int batch = 0; batch < BATCHES; batch++) {
                    expected.add(batch, answers.get(batch).get());
                }
            }
            assertThat(expected.accepted).as("events accepted").isGreaterThan(BATCHES * BATCH_SIZE / 2);
            tracked = Awaitility.await("every accepted event on the topic").atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> ours(probe.received()), events -> events.size() >= expected.accepted);
            // Anything more would be an event stored twice, or one of a rejected item.
            assertThat(ours(probe.receivedToEnd())).hasSize(expected.accepted);
        }
        assertThat(tracked).extracting(ActivityEvent::userId).allMatch(user -> user.endsWith(run));
        assertThat(expected.eventIds).hasSize(expected.accepted);

        ShopFigures.awaitAdded(http, from, to, before, Added.nothing().users(expected.users.size())
                .products(expected.products.size()).pageViews(expected.pageViews).productViews(expected.productViews)
                .cartAdditions(expected.cartAdditions).purchases(expected.purchases)
                .revenue(expected.revenue.toPlainString()), tracked);
        expected.perUser.forEach((user, figures) -> http.get().uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pageViews").isEqualTo(Math.toIntExact(figures[0]))
                .jsonPath("$.productViews").isEqualTo(Math.toIntExact(figures[1]))
                .jsonPath("$.cartAdditions").isEqualTo(Math.toIntExact(figures[2]))
                .jsonPath("$.purchases").isEqualTo(Math.toIntExact(figures[3])));
        expected.perProduct.forEach((product, figures) -> http.get().uri("/api/analytics/products/{id}", product)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.views").isEqualTo(Math.toIntExact(figures[0]))
                .jsonPath("$.cartAdditions").isEqualTo(Math.toIntExact(figures[1]))
                .jsonPath("$.purchases").isEqualTo(Math.toIntExact(figures[2]))
                .jsonPath("$.revenue").isEqualTo(new BigDecimal(UNIT_PRICE)
                        .multiply(BigDecimal.valueOf(figures[2])).doubleValue()));
    }

    private List<ActivityEvent> ours(List<ReceivedEvent> received) {
        return received.stream().map(ReceivedEvent::event)
                .filter(event -> event instanceof ActivityEvent activity && activity.userId().endsWith(run))
                .map(ActivityEvent.class::cast)
                .toList();
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/activity/batch"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.activityCollector())
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A full batch: page views, product views, cart additions and purchases in turn, the last item invalid. */
    private String batch(int batch) {
        StringBuilder items = new StringBuilder("[");
        for (int index = 0; index < BATCH_SIZE; index++) {
            if (index > 0) {
                items.append(',');
            }
            items.append(item(batch, index));
        }
        return items.append(']').toString();
    }

    private String item(int batch, int index) {
        int n = batch * BATCH_SIZE + index;
        String user = user(n);
        String product = product(n);
        if (index == BATCH_SIZE - 1) {
            // Quantity 0: rejected on its own, must not be counted anywhere.
            return """
                    {"eventType":"addtocart","data":{"userId":"%s","sessionId":"s","productId":"%s","quantity":0}}"""
                    .formatted(user, product);
        }
        return switch (index % 4) {
            case 0 -> """
                    {"eventType":"pageview","data":{"userId":"%s","sessionId":"s","pageUrl":"/p/%d"}}"""
                    .formatted(user, n);
            case 1 -> """
                    {"eventType":"productview","data":{"userId":"%s","sessionId":"s","productId":"%s",\
                    "viewDurationSeconds":3}}""".formatted(user, product);
            case 2 -> """
                    {"eventType":"addtocart","data":{"userId":"%s","sessionId":"s","productId":"%s","quantity":1}}"""
                    .formatted(user, product);
            default -> """
                    {"eventType":"purchase","data":{"userId":"%s","sessionId":"s","orderId":"O-%d","totalAmount":%s,\
                    "currency":"EUR","items":[{"productId":"%s","quantity":%d,"unitPrice":%s}]}}"""
                    .formatted(user, n, total(quantity(n)), product, quantity(n), UNIT_PRICE);
        };
    }

    private String user(int n) {
        return "u" + (n % USERS) + "-" + run;
    }

    private String product(int n) {
        return "p" + (n % PRODUCTS) + "-" + run;
    }

    private static int quantity(int n) {
        return 1 + n % 3;
    }

    private static BigDecimal total(int quantity) {
        return new BigDecimal(UNIT_PRICE).multiply(BigDecimal.valueOf(quantity));
    }

    /** The figures the accepted items add, from the service's answers. */
    private final class Expected {

        private int accepted;
        private long pageViews;
        private long productViews;
        private long cartAdditions;
        private long purchases;
        private BigDecimal revenue = BigDecimal.ZERO;
        private final Set<String> users = new HashSet<>();
        private final Set<String> products = new HashSet<>();
        private final Set<String> eventIds = new HashSet<>();
        /** Page views, product views, cart additions, purchases (events). */
        private final Map<String, long[]> perUser = new HashMap<>();
        /** Views, cart additions, purchases (units). */
        private final Map<String, long[]> perProduct = new HashMap<>();

        void add(int batch, HttpResponse<String> answer) {
            if (answer.statusCode() == 503) {
                return;
            }
            assertThat(answer.statusCode()).as("batch %d: %s", batch, answer.body()).isEqualTo(202);
            JsonNode body = JSON.readTree(answer.body());
            for (JsonNode result : body.get("results")) {
                int index = result.get("index").intValue();
                if (result.hasNonNull("error")) {
                    assertThat(index).as("rejected item of batch %d: %s", batch, result).isEqualTo(BATCH_SIZE - 1);
                    continue;
                }
                accepted++;
                eventIds.add(result.get("eventId").stringValue());
                count(batch * BATCH_SIZE + index, index);
            }
        }

        private void count(int n, int index) {
            String user = user(n);
            String product = product(n);
            users.add(user);
            long[] userFigures = perUser.computeIfAbsent(user, ignored -> new long[4]);
            switch (index % 4) {
                case 0 -> {
                    pageViews++;
                    userFigures[0]++;
                }
                case 1 -> {
                    productViews++;
                    userFigures[1]++;
                    products.add(product);
                    perProduct.computeIfAbsent(product, ignored -> new long[3])[0]++;
                }
                case 2 -> {
                    cartAdditions++;
                    userFigures[2]++;
                    products.add(product);
                    perProduct.computeIfAbsent(product, ignored -> new long[3])[1]++;
                }
                default -> {
                    purchases++;
                    revenue = revenue.add(total(quantity(n)));
                    userFigures[3]++;
                    products.add(product);
                    perProduct.computeIfAbsent(product, ignored -> new long[3])[2] += quantity(n);
                }
            }
        }
    }
}
