package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.analytics.ShopFigures.Added;
import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Topics;
import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.TestInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
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
 * Activity posted over REST (and order events written as order-service would), through Kafka and the Kafka Streams
 * topology, read back over REST with exact numbers. Every test uses user and product ids of its own; shop-wide
 * figures are compared with what they were before ({@link ShopFigures}).
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
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofMinutes(10));
        ShopFigures before = ShopFigures.settled(http, streamsApplicationId, from, to);

        List<DomainEvent> counted = new ArrayList<>();
        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            Instant sent = Instant.now();
            UUID pageViewId = post("pageview", """
                    {"userId": "%s", "sessionId": "s1", "pageUrl": "/", "pageTitle": "Home", "loadTimeMs": 120}
                    """.formatted(ada));
            ReceivedEvent received = probe.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(pageViewId));
            PageViewed event = (PageViewed) received.event();
            assertThat(received.key()).isEqualTo(ada);
            // In the request's trace, through the Kafka template's observation.
            assertThat(received.header(EventHeaders.TRACEPARENT)).matches("00-\\p{XDigit}{32}-\\p{XDigit}{16}-\\p{XDigit}{2}");
            assertThat(event.client().deviceType()).isEqualTo(DeviceType.MOBILE);
            assertThat(event.client().userAgent()).isEqualTo(IPHONE);
            assertThat(event.client().clientIp()).isEqualTo("198.51.100.7");
            assertThat(event.occurredAt()).isBetween(sent.minusMillis(1), Instant.now());

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
                     {"eventType": "productview", "data": {"userId": "%s", "sessionId": "s2"}},
                     1]
                    """.formatted(bob, bob, productView(bob, "s3", mouse, 5), bob))
                    .exchange()
                    .expectStatus().isAccepted()
                    .expectBody()
                    .jsonPath("$.accepted").isEqualTo(2)
                    .jsonPath("$.rejected").isEqualTo(3)
                    .jsonPath("$.results[0].index").isEqualTo(0)
                    .jsonPath("$.results[0].eventId").isNotEmpty()
                    .jsonPath("$.results[1].error").value(String.class,
                            error -> assertThat(error).contains("eventType"))
                    .jsonPath("$.results[2].eventId").isNotEmpty()
                    .jsonPath("$.results[3].error").value(String.class,
                            error -> assertThat(error).contains("data.productId"))
                    .jsonPath("$.results[4].index").isEqualTo(4)
                    .jsonPath("$.results[4].error").isEqualTo("item: must be an object with eventType and data");

            // What order-service publishes, written to its topics as it would; the confirmation twice, as an outbox
            // relay republishes after a crash.
            UUID confirmedOrder = UUID.randomUUID();
            UUID cancelledOrder = UUID.randomUUID();
            UUID expiredOrder = UUID.randomUUID();
            Instant placedAt = Fixtures.now();
            List<DomainEvent> orders = List.of(
                    Fixtures.placed(confirmedOrder, "115.70", placedAt),
                    Fixtures.placed(cancelledOrder, "10.00", placedAt),
                    Fixtures.placed(expiredOrder, "20.00", placedAt),
                    Fixtures.confirmed(confirmedOrder, "115.70", placedAt.plusMillis(5)),
                    Fixtures.cancelled(cancelledOrder, "10.00", placedAt.plusMillis(5)),
                    Fixtures.expired(expiredOrder, "20.00", placedAt.plusMillis(5)));
            orders.forEach(order -> probe.send(order, "order-service"));
            probe.send(orders.get(3), "order-service");
            counted.addAll(orders);

            // The activity as tracked, with the server's time, which decides its minute.
            counted.addAll(Awaitility.await("all tracked activity on the topic").atMost(TIMEOUT)
                    .until(() -> probe.received().stream().map(ReceivedEvent::event)
                            .filter(tracked -> tracked instanceof ActivityEvent activity
                                    && (activity.userId().equals(ada) || activity.userId().equals(bob)))
                            .toList(), tracked -> tracked.size() == 10));
        }

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
                // One purchase of two keyboards: two units, per 100 views.
                .jsonPath("$.purchases").isEqualTo(2)
                .jsonPath("$.revenue").isEqualTo(19.98)
                .jsonPath("$.conversionRate").isEqualTo(66.67)
                .jsonPath("$.averageViewDurationSeconds").isEqualTo(15.0));

        ShopFigures.awaitAdded(http, from, to, before, Added.nothing().users(2).products(2).pageViews(2)
                .productViews(4).searches(1).cartAdditions(1).purchases(1).revenue("19.98").ordersPlaced(3)
                .ordersConfirmed(1, "115.70").ordersCancelled(1).ordersExpired(1), counted);
        Map<String, List<String>> perMinute = ShopFigures.perMinuteOf(counted, from, to);
        // The expected minutes hold every event of the test, wherever the minute boundaries fell.
        assertThat(sum(perMinute.get("productviews"))).isEqualByComparingTo("4");
        assertThat(sum(perMinute.get("orders"))).isEqualByComparingTo("3");
        assertThat(sum(perMinute.get("revenue"))).isEqualByComparingTo("19.98");

        http.get().uri("/api/analytics/products/top?by=revenue&limit=100").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.productId == '%s')].revenue".formatted(keyboard)).isEqualTo(List.of(19.98));
    }

    @Test
    void sendsAPoisonRecordToTheDeadLetterTopicOnceAndCountsWhatFollows() {
        String user = "poison-" + run;
        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            probe.send(new ProducerRecord<>(Topics.ACTIVITY_TRACKED, user,
                    "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8)));
        }
        // Same user, same partition, after the poison: counted only if the stream got past it.
        post("pageview", """
                {"userId": "%s", "sessionId": "s1", "pageUrl": "/"}
                """.formatted(user));
        awaitAsserted(() -> http.get().uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.pageViews").isEqualTo(1));

        List<ConsumerRecord<String, byte[]>> deadLetters = committedRecords(
                Topics.deadLetterOf(Topics.ACTIVITY_TRACKED), user);
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.value()).asString(StandardCharsets.UTF_8).isEqualTo("{\"not\": \"an event\"}");
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ACTIVITY_TRACKED);
            assertThat(header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
            assertThat(header(dead, "kafka_dlt-exception-message")).contains("CloudEvents");
        });
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
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
     * The records with this key on a topic, as a read-committed consumer sees them: a dead-letter record written in
     * an aborted transaction, or written twice, would show here. Waits for the first, then reads up to the end.
     */
    private static List<ConsumerRecord<String, byte[]>> committedRecords(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Awaitility.await(key + " on " + topic).atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Awaitility.await(topic + " read to the end").atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return found;
        }
    }

    private static BigDecimal sum(List<String> values) {
        return values.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitAsserted(Runnable assertion) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion::run);
    }
}
