package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.security.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The order saga across real service processes, one scenario per test, each ending with the invariants over
 * every order it placed (and, invariant 6, no dead-letter record it did not announce). Uses the seeded demo catalog:
 * P-1009 (500 units), P-1002 (250), P-1021 (1 unit), P-1022 (sold out).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
class OrderSagaEndToEndIntegrationTests {

    private static final String PLENTY = "P-1009";
    private static final String ALSO_PLENTY = "P-1002";
    private static final String LAST_UNIT = "P-1021";
    private static final String SOLD_OUT = "P-1022";

    private static Platform platform;
    private static Invariants invariants;
    private static RestTestClient orders;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        invariants = new Invariants(platform.url(Platform.ANALYTICS));
        // Staff's token reads and cancels any order; each order is placed with its customer's own token (place).
        orders = RestTestClient.bindToServer().baseUrl(platform.url(Platform.ORDER))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.staff()).build();
        Awaitility.await("catalog replicated").atMost(Duration.ofSeconds(30)).until(() -> invariants.jdbc()
                .sql("select count(*) from orders.catalog_product").query(Integer.class).single() >= 22);
    }

    @BeforeEach
    void startScenario() {
        invariants.startScenario();
    }

    @Test
    @Order(1)
    void confirmsAnOrderOnTheHappyPath() {
        UUID orderId = place(request("tok_visa", item(PLENTY, 2), item(ALSO_PLENTY, 1)));

        awaitStatus(orderId, "CONFIRMED");
        orders.get().uri("/api/orders/{id}", orderId).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(55.70)
                .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "RESERVED", "CONFIRMED"));
        invariants.assertHold(List.of(orderId));
    }

    @Test
    @Order(2)
    void cancelsAnOrderThatIsOutOfStock() {
        UUID orderId = place(request("tok_visa", item(PLENTY, 1), item(SOLD_OUT, 1)));

        awaitStatus(orderId, "CANCELLED");
        assertThat(reason(orderId)).isEqualTo("OUT_OF_STOCK");
        invariants.assertHold(List.of(orderId));
    }

    @Test
    @Order(3)
    void letsExactlyOneOfTwoConcurrentOrdersHaveTheLastUnit() throws Exception {
        List<UUID> racing = concurrently(2, i -> place(request("tok_visa", item(LAST_UNIT, 1))));

        invariants.assertHold(racing);
        assertThat(racing.stream().map(invariants::status)).containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
    }

    @Test
    @Order(4)
    void cancelsAnOrderWhosePaymentIsDeclinedAndPutsTheStockBack() {
        UUID declined = place(request("tok_chargeDeclined", item(PLENTY, 3)));
        UUID poor = place(request("tok_insufficientFunds", item(PLENTY, 1)));

        awaitStatus(declined, "CANCELLED");
        awaitStatus(poor, "CANCELLED");
        assertThat(reason(declined)).isEqualTo("PAYMENT_DECLINED");
        invariants.assertHold(List.of(declined, poor));
    }

    @Test
    @Order(5)
    void returnsTheSameOrderForARetriedPostWithTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = request("tok_visa", item(PLENTY, 1));

        UUID first = place(request, key);
        UUID retried = place(request, key);

        assertThat(retried).isEqualTo(first);
        invariants.assertHold(List.of(first));
        assertThat(invariants.jdbc().sql("select count(*) from orders.customer_order where idempotency_key = ?")
                .param(key).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void changesNothingWhenTheSameEventIsDeliveredTwice() {
        // One event per hop: what inventory, the saga (twice) and payment consume, and an outcome.
        List<String> hops = List.of(Topics.ORDER_PLACED, Topics.STOCK_RESERVED, Topics.PAYMENT_REQUESTED,
                Topics.PAYMENT_AUTHORIZED, Topics.ORDER_CONFIRMED);
        try (EventProbe probe = EventProbe.on(hops.toArray(String[]::new))) {
            UUID orderId = place(request("tok_visa", item(PLENTY, 4)));
            invariants.assertHold(List.of(orderId));
            assertThat(invariants.status(orderId)).isEqualTo("CONFIRMED");
            Map<String, Object> stockBefore = stock(PLENTY);

            for (String topic : hops) {
                ReceivedEvent original = probe.awaitRecord(record -> record.topic().equals(topic)
                        && orderId.toString().equals(record.key()));
                probe.send(new ProducerRecord<>(topic, null, original.key(), original.record().value(),
                        original.record().headers()));
            }

            invariants.assertHold(List.of(orderId));
            assertThat(stock(PLENTY)).isEqualTo(stockBefore);
            assertThat(paymentStatuses(orderId)).containsExactly("AUTHORIZED");
            assertThat(notificationTypes(orderId)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED");
            // Each hop holds the original and the copy the test sent, one event id: nothing was published anew.
            Map<String, List<UUID>> eventIds = probe.receivedToEnd().stream()
                    .filter(record -> orderId.toString().equals(record.key()))
                    .collect(Collectors.groupingBy(ReceivedEvent::topic,
                            Collectors.mapping(record -> record.metadata().id(), Collectors.toList())));
            for (String topic : hops) {
                assertThat(eventIds.get(topic)).as(topic).hasSize(2).containsOnly(eventIds.get(topic).get(0));
            }
        }
    }

    @Test
    @Order(7)
    void leaksNoStockWhenACancellationArrivesBeforeThePlacedItCancels() {
        UUID orderId = UUID.randomUUID();
        List<OrderLine> lines = List.of(new OrderLine(PLENTY, "CB-USBC-09", "USB-C cable 2 m", 5,
                Money.of("12.90", "EUR"), Money.of("64.50", "EUR")));
        try (EventProbe probe = EventProbe.on(Topics.ORDER_PLACED, Topics.ORDER_CANCELLED)) {
            probe.send(new OrderCancelled(orderId, "customer-early", "early@example.com", lines,
                    Money.of("64.50", "EUR"), CancellationReason.CUSTOMER_REQUEST, "cancelled first",
                    Instant.now()), Platform.ORDER);
            Awaitility.await().until(() -> reservation(orderId) != null);
            probe.send(new OrderPlaced(orderId, "customer-early", "early@example.com", lines,
                    Money.of("64.50", "EUR"), new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"),
                    Instant.now()), Platform.ORDER);
        }
        invariants.assertHoldForAnnounced(Map.of(orderId, "CANCELLED"));
        assertThat(reservation(orderId)).isEqualTo("CANCELLED_BEFORE_PLACED");
        assertThat(paymentStatuses(orderId)).isEmpty();
        assertThat(notificationTypes(orderId)).containsExactly("ORDER_CANCELLED");
    }

    @Test
    @Order(8)
    void deadLettersAPoisonMessageAndKeepsProcessingValidOnes() {
        String poisonKey = "poison-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_PLACED))) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.ORDER_PLACED, poisonKey,
                    "{\"orderId\":".getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
            probe.send(poison);
            UUID orderId = place(request("tok_visa", item(PLENTY, 1)));

            awaitStatus(orderId, "CONFIRMED");
            // Once by each reader of the topic: the two listeners, and analytics' Kafka Streams application (its
            // dead-letter records carry no consumer group: Streams reads as the application, not a listener group).
            invariants.expectDeadLetters(Topics.deadLetterOf(Topics.ORDER_PLACED), 3);
            invariants.assertHold(List.of(orderId));
            List<ReceivedEvent> dead = probe.receivedToEnd().stream()
                    .filter(record -> poisonKey.equals(record.key())).toList();
            assertThat(dead).extracting(record -> record.header("kafka_dlt-original-topic"))
                    .containsExactly(Topics.ORDER_PLACED, Topics.ORDER_PLACED, Topics.ORDER_PLACED);
            assertThat(dead).extracting(record -> record.header("kafka_dlt-original-consumer-group"))
                    .containsExactlyInAnyOrder("inventory-service.order-events", "notification-service.order-events",
                            null);
            // What went wrong, not the wrapper a listener container (or a batch listener) put around it.
            assertThat(dead).extracting(record -> record.header("kafka_dlt-exception-cause-fqcn") != null
                    ? record.header("kafka_dlt-exception-cause-fqcn") : record.header("kafka_dlt-exception-fqcn"))
                    .containsOnly(UnreadableEvent.class.getName());
        }
    }

    @Test
    @Order(9)
    void letsTheCustomerCancelWhilePendingAndFinishesOrdersPlacedWhileInventoryWasDown() {
        platform.stop(Platform.INVENTORY);
        List<UUID> placed = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                placed.add(place(request("tok_visa", item(ALSO_PLENTY, 1))));
            }
            assertThat(placed.stream().map(invariants::status)).containsOnly("PENDING");
            orders.post().uri("/api/orders/{id}/cancel", placed.get(0)).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        }
        finally {
            platform.start(Platform.INVENTORY);
        }

        invariants.assertHold(placed);
        assertThat(invariants.status(placed.get(0))).isEqualTo("CANCELLED");
        // The expiry is far away (Platform.EXPIRY_TIMEOUT): these end as they would have with inventory up, so
        // inventory worked off the backlog it found when it came back.
        for (UUID orderId : placed.subList(1, 4)) {
            orders.get().uri("/api/orders/{id}", orderId).exchange().expectBody()
                    .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "RESERVED", "CONFIRMED"));
        }
    }

    @Test
    @Order(10)
    void cancelsWhileReservedAndRefundsTheAuthorizedPaymentOfAnOrderThatExpires() {
        UUID cancelled;
        UUID expired;
        platform.stop(Platform.PAYMENT);
        try {
            cancelled = place(request("tok_visa", item(PLENTY, 2)));
            expired = place(request("tok_visa", item(PLENTY, 3)));
            awaitStatus(cancelled, "RESERVED");
            awaitStatus(expired, "RESERVED");
            orders.post().uri("/api/orders/{id}/cancel", cancelled).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.reason").isEqualTo("CUSTOMER_REQUEST");

            // Payment comes back while order-service is away: it authorizes, and the authorization waits unread.
            platform.stop(Platform.ORDER);
            platform.start(Platform.PAYMENT);
            UUID authorized = expired;
            Awaitility.await("payment authorized").atMost(Duration.ofSeconds(30))
                    .until(() -> paymentStatuses(authorized).equals(List.of("AUTHORIZED")));

            // Back without its listeners and with a short expiry: the reply is never read, so the order expires
            // holding an authorized payment, which payment must refund. Deterministic: nothing can confirm it.
            platform.start(Platform.ORDER, Map.of("SPRING_KAFKA_LISTENER_AUTO_STARTUP", "false",
                    "ORDER_EXPIRY_TIMEOUT", Platform.SHORT_EXPIRY_TIMEOUT));
            awaitStatus(expired, "EXPIRED");
            Awaitility.await("payment refunded").atMost(Duration.ofSeconds(30))
                    .until(() -> paymentStatuses(authorized).equals(List.of("REFUNDED")));
        }
        finally {
            platform.startIfStopped(Platform.PAYMENT);
            platform.restart(Platform.ORDER, Map.of());
        }

        // Now order-service reads the late authorization too, and ignores it: the order stays expired.
        invariants.assertHold(List.of(cancelled, expired));
        assertThat(reason(cancelled)).isEqualTo("CUSTOMER_REQUEST");
        assertThat(reason(expired)).isEqualTo("TIMEOUT");
        orders.get().uri("/api/orders/{id}", expired).exchange().expectBody()
                .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "RESERVED", "EXPIRED"));
        assertThat(paymentStatuses(expired)).containsExactly("REFUNDED");
        assertThat(reservation(expired)).isEqualTo("RELEASED");
    }

    @Test
    @Order(11)
    void chargesNothingForAnOrderCancelledWhileItsPaymentIsBeingDecided() {
        // The slow test card keeps the order RESERVED while the gateway decides (PAYMENT_SLOW_CARD_LATENCY): what
        // scripts/demo-orders.sh relies on for its cancel.
        UUID orderId = place(request("tok_visa_slow", item(PLENTY, 1)));
        awaitStatus(orderId, "RESERVED");

        orders.post().uri("/api/orders/{id}/cancel", orderId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reason").isEqualTo("CUSTOMER_REQUEST");

        invariants.assertHold(List.of(orderId));
        // The approval came after the cancellation and was dropped: no payment at all, so nothing to refund.
        assertThat(paymentStatuses(orderId)).isEmpty();
        assertThat(reservation(orderId)).isEqualTo("RELEASED");
    }

    @Test
    @Order(12)
    void keepsEveryInvariantFor200MixedConcurrentOrders() throws Exception {
        List<String> tokens = List.of("tok_visa", "tok_mastercard", "tok_visa", "tok_chargeDeclined",
                "tok_insufficientFunds");
        Map<UUID, Integer> cancelAnswers = Collections.synchronizedMap(new HashMap<>());
        List<UUID> placed = concurrently(200, i -> {
            Map<String, Object> request = i % 10 == 9
                    ? request(tokens.get(i % tokens.size()), item(PLENTY, 1), item(SOLD_OUT, 1))
                    : request(tokens.get(i % tokens.size()), item(i % 2 == 0 ? PLENTY : ALSO_PLENTY, 1));
            UUID orderId = place(request);
            if (i % 7 == 0) {
                cancelAnswers.put(orderId, orders.post().uri("/api/orders/{id}/cancel", orderId).exchange()
                        .returnResult().getStatus().value());
            }
            return orderId;
        });

        invariants.assertHold(placed);
        assertThat(placed).doesNotHaveDuplicates().hasSize(200);
        assertThat(placed.stream().map(invariants::status)).contains("CONFIRMED", "CANCELLED")
                .doesNotContain("EXPIRED");
        // 200 with the cancelled order, or 409 because the saga had already ended it; nothing else.
        assertThat(cancelAnswers).hasSize(29).allSatisfy((orderId, status) -> assertThat(status).isIn(200, 409));
        cancelAnswers.forEach((orderId, status) -> {
            if (status == 200) {
                assertThat(reason(orderId)).as("reason of %s, cancelled by the customer", orderId)
                        .isEqualTo("CUSTOMER_REQUEST");
            }
        });
    }

    /**
     * Issue 14: one order is one trace. Every record of the order, on every topic it touches, carries the same trace
     * id in its {@code traceparent} (through each service's outbox and batch listeners), and the spans the services
     * export form one tree, rooted in the request that placed the order, down to notification-service's.
     */
    @Test
    @Order(13)
    void tracesAnOrderAsOneTreeFromTheRequestToTheNotification() {
        List<String> topics = List.of(Topics.ORDER_PLACED, Topics.STOCK_RESERVED, Topics.PAYMENT_REQUESTED,
                Topics.PAYMENT_AUTHORIZED, Topics.ORDER_CONFIRMED, Topics.EMAIL_SENT);
        try (EventProbe probe = EventProbe.on(topics.toArray(String[]::new))) {
            UUID orderId = place(request("tok_visa", item(PLENTY, 1)));
            awaitStatus(orderId, "CONFIRMED");

            Map<String, ReceivedEvent> records = new HashMap<>();
            for (String topic : topics) {
                records.put(topic, probe.awaitRecord(received -> received.topic().equals(topic)
                        && orderId.toString().equals(received.header(EventHeaders.CORRELATION_ID))));
            }
            Map<String, String[]> traceparents = new HashMap<>();
            records.forEach((topic, record) -> {
                String traceparent = record.header(EventHeaders.TRACEPARENT);
                assertThat(traceparent).as("traceparent on %s", topic).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
                traceparents.put(topic, traceparent.split("-"));
            });
            String traceId = traceparents.get(Topics.ORDER_PLACED)[1];
            traceparents.forEach((topic, traceparent) -> assertThat(traceparent[1])
                    .as("trace id on %s", topic).isEqualTo(traceId));

            OtlpReceiver receiver = platform.spans();
            Awaitility.await("the order's trace, complete").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        List<OtlpReceiver.ExportedSpan> trace = receiver.trace(traceId);
                        Set<String> ids = trace.stream().map(OtlpReceiver.ExportedSpan::spanId)
                                .collect(Collectors.toSet());
                        assertThat(trace).as("spans of the trace").filteredOn(span -> span.parentSpanId().isEmpty())
                                .singleElement().satisfies(root -> {
                                    assertThat(root.service()).isEqualTo(Platform.ORDER);
                                    assertThat(root.kind()).isEqualTo("SERVER");
                                    assertThat(root.name()).isEqualTo("http post /api/orders");
                                });
                        assertThat(trace).as("every span's parent is in the trace")
                                .allSatisfy(span -> assertThat(span.parentSpanId().isEmpty()
                                        || ids.contains(span.parentSpanId())).as(span.toString()).isTrue());
                        traceparents.forEach((topic, traceparent) -> assertThat(ids)
                                .as("the span that sent %s", topic).contains(traceparent[2]));
                        assertThat(trace).as("notification-service received the confirmation in the trace")
                                .anyMatch(span -> span.service().equals(Platform.NOTIFICATION)
                                        && span.kind().equals("CONSUMER")
                                        && span.name().contains(Topics.ORDER_CONFIRMED));
                        assertThat(trace.stream().map(OtlpReceiver.ExportedSpan::service))
                                .contains(Platform.ORDER, Platform.INVENTORY, Platform.PAYMENT, Platform.NOTIFICATION);
                    });
            // Their logs go to the same collector (LogExportAutoConfiguration), where a backend links them to traces.
            Awaitility.await("the services' logs at the collector").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(receiver.servicesLogging())
                            .contains(Platform.ORDER, Platform.INVENTORY, Platform.PAYMENT, Platform.NOTIFICATION));
            invariants.assertHold(List.of(orderId));
        }
    }

    private static Map<String, Object> request(String token, Map<String, Object>... items) {
        String customer = "customer-" + UUID.randomUUID();
        return Map.of(
                "customerId", customer,
                "customerEmail", customer + "@example.com",
                "currency", "EUR",
                "paymentToken", token,
                "shippingAddress", Map.of("street", "1 Main St", "city", "Springfield", "state", "IL",
                        "zipCode", "62701", "country", "US"),
                "items", List.of(items));
    }

    private static Map<String, Object> item(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    private static UUID place(Map<String, Object> request) {
        return place(request, null);
    }

    private static UUID place(Map<String, Object> request, String idempotencyKey) {
        var spec = orders.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.customer((String) request.get("customerId")))
                .body(request);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        Map<?, ?> body = spec.exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString(body.get("orderId").toString());
    }

    private static void awaitStatus(UUID orderId, String status) {
        Awaitility.await(orderId + " " + status).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(invariants.status(orderId)));
    }

    private static String reason(UUID orderId) {
        return invariants.jdbc().sql("select reason from orders.customer_order where order_id = ?").param(orderId)
                .query(String.class).single();
    }

    private static Map<String, Object> stock(String productId) {
        return invariants.jdbc().sql("select available, reserved, sold from inventory.product where product_id = ?")
                .param(productId).query().singleRow();
    }

    private static List<String> paymentStatuses(UUID orderId) {
        return invariants.jdbc().sql("select status from payments.payment where order_id = ?").param(orderId)
                .query(String.class).list();
    }

    private static List<String> notificationTypes(UUID orderId) {
        return invariants.jdbc().sql("select type from notifications.notification where order_id = ?")
                .param(orderId).query(String.class).list();
    }

    private static String reservation(UUID orderId) {
        return invariants.jdbc().sql("select status from inventory.reservation where order_id = ?").param(orderId)
                .query(String.class).optional().orElse(null);
    }

    private static <T> List<T> concurrently(int count, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 16));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return Collections.unmodifiableList(results);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IndexedTask<T> {
        T run(int index) throws Exception;
    }
}
