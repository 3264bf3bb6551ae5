package dev.eventmart.order.saga;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

@ServiceIntegrationTest
class OrderSagaIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private JdbcClient jdbc;

    private EventProbe probe;

    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.ORDER_PLACED, Topics.PAYMENT_REQUESTED, Topics.ORDER_CONFIRMED,
                Topics.ORDER_CANCELLED);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void placesAnOrderPricedFromTheCatalogAndPublishesOrderPlaced() {
        String keyboard = productInCatalog(probe, catalog, "89.90");
        String cable = productInCatalog(probe, catalog, "12.95");

        UUID orderId = place(orderRequest(customer(), "tok_visa", List.of(item(keyboard, 2), item(cable, 3))));

        http.get().uri("/api/orders/{id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.total").isEqualTo(218.65)
                .jsonPath("$.items[0].unitPrice").isEqualTo(89.90)
                .jsonPath("$.items[1].lineTotal").isEqualTo(38.85)
                .jsonPath("$.statusHistory[0].status").isEqualTo("PENDING");
        OrderPlaced placed = (OrderPlaced) probe.await(OrderPlaced.class, event -> event.orderId().equals(orderId))
                .event();
        assertThat(placed.total()).isEqualTo(Money.of("218.65", "EUR"));
        assertThat(placed.lines()).hasSize(2);
    }

    @Test
    void confirmsAnOrderOnceStockIsReservedAndPaymentAuthorized() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(orderRequest(customer(), "tok_visa", List.of(item(product, 1))));

        reply(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()));
        PaymentRequested request = (PaymentRequested) probe.await(PaymentRequested.class,
                event -> event.orderId().equals(orderId)).event();
        assertThat(request.amount()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(request.paymentToken()).isEqualTo("tok_visa");

        UUID paymentId = UUID.randomUUID();
        reply(new PaymentAuthorized(orderId, paymentId, request.amount(), Instant.now()));

        OrderConfirmed confirmed = (OrderConfirmed) probe.await(OrderConfirmed.class,
                event -> event.orderId().equals(orderId)).event();
        assertThat(confirmed.paymentId()).isEqualTo(paymentId);
        http.get().uri("/api/orders/{id}", orderId).exchange()
                .expectBody()
                .jsonPath("$.status").isEqualTo("CONFIRMED")
                .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "RESERVED", "CONFIRMED"));
    }

    @Test
    void cancelsAnOrderInventoryCannotServe() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(orderRequest(customer(), "tok_visa", List.of(item(product, 5))));

        reply(new StockRejected(orderId, List.of(new StockShortage(product, 5, 2)), Instant.now()));

        OrderCancelled cancelled = (OrderCancelled) probe.await(OrderCancelled.class,
                event -> event.orderId().equals(orderId)).event();
        assertThat(cancelled.reason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        assertThat(cancelled.detail()).contains(product);
        assertStatus(orderId, "CANCELLED", "OUT_OF_STOCK");
    }

    @Test
    void cancelsAnOrderWhosePaymentIsDeclined() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(orderRequest(customer(), "tok_chargeDeclined", List.of(item(product, 1))));
        reply(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()));
        probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));

        reply(new PaymentDeclined(orderId, UUID.randomUUID(), Money.of("10.00", "EUR"), "card_declined",
                Instant.now()));

        OrderCancelled cancelled = (OrderCancelled) probe.await(OrderCancelled.class,
                event -> event.orderId().equals(orderId)).event();
        assertThat(cancelled.reason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(cancelled.detail()).contains("card_declined");
        assertStatus(orderId, "CANCELLED", "PAYMENT_DECLINED");
    }

    @Test
    void requestsPaymentOnceWhenStockReservedIsDeliveredTwice() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        StockReserved reserved = new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now());

        EventMetadata first = reply(reserved);
        probe.send(CloudEventRecords.toRecord(Topics.STOCK_RESERVED, first, EventCodec.encode(reserved)));
        reply(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()));

        probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));
        await().during(java.time.Duration.ofSeconds(1)).until(() -> paymentRequestsFor(orderId) == 1);
        assertStatus(orderId, "RESERVED", null);
    }

    @Test
    void letsTheCustomerCancelWhileInFlightButNotOnceFinished() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID pending = place(orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        UUID reserved = place(orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        reply(new StockReserved(reserved, List.of(new StockLine(product, 1)), Instant.now()));
        probe.await(PaymentRequested.class, event -> event.orderId().equals(reserved));

        for (UUID orderId : List.of(pending, reserved)) {
            http.post().uri("/api/orders/{id}/cancel", orderId).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("CANCELLED")
                    .jsonPath("$.reason").isEqualTo("CUSTOMER_REQUEST");
            OrderCancelled cancelled = (OrderCancelled) probe.await(OrderCancelled.class,
                    event -> event.orderId().equals(orderId)).event();
            assertThat(cancelled.reason()).isEqualTo(CancellationReason.CUSTOMER_REQUEST);
        }

        http.post().uri("/api/orders/{id}/cancel", pending).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.title").isEqualTo("Order already finished");
    }

    @Test
    void ignoresALateAuthorizationForACancelledOrder() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        reply(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()));
        probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));
        http.post().uri("/api/orders/{id}/cancel", orderId).exchange().expectStatus().isOk();

        EventMetadata late = reply(new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("10.00", "EUR"),
                Instant.now()));

        await().until(() -> jdbc.sql("select count(*) from processed_event where event_id = ?").param(late.id())
                .query(Integer.class).single() == 1);
        assertStatus(orderId, "CANCELLED", "CUSTOMER_REQUEST");
        assertThat(probe.received()).noneMatch(received -> received.event() instanceof OrderConfirmed confirmed
                && confirmed.orderId().equals(orderId));
    }

    @Test
    void returnsTheSameOrderForARetriedRequestWithTheSameIdempotencyKey() {
        String product = productInCatalog(probe, catalog, "10.00");
        String customer = customer();
        Map<String, Object> request = orderRequest(customer, "tok_visa", List.of(item(product, 1)));
        String key = UUID.randomUUID().toString();

        UUID first = place(request, key);
        UUID retried = place(request, key);

        assertThat(retried).isEqualTo(first);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void retriesRacingUnderOneIdempotencyKeyAllAnswerWithTheOneOrderPlaced() throws Exception {
        String product = productInCatalog(probe, catalog, "10.00");
        String customer = customer();
        Map<String, Object> request = orderRequest(customer, "tok_visa", List.of(item(product, 1)));
        String key = UUID.randomUUID().toString();

        List<UUID> answers;
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var retries = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(n -> executor.submit(() -> place(request, key))).toList();
            answers = new java.util.ArrayList<>();
            for (var retry : retries) {
                answers.add(retry.get());
            }
        }

        assertThat(answers).containsOnly(answers.getFirst());
        assertThat(ordersOf(customer)).isEqualTo(1);
        Map<String, Object> another = orderRequest(customer, "tok_visa", List.of(item(product, 2)));
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(another)
                .header("Idempotency-Key", key).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("urn:eventmart:problem:idempotency-key-reused");
    }

    @Test
    void rejectsInvalidOrdersNamingTheFieldAndStoresNothing() {
        String product = productInCatalog(probe, catalog, "10.00");
        String customer = customer();

        expectProblem(orderRequest(customer, "tok_visa", List.of()), 400, "items");
        expectProblem(orderRequest(customer, "tok_visa", List.of(item(product, 0))), 400, "items[0].quantity");
        expectProblem(orderRequest(customer, "tok_visa", List.of(item(product, 101))), 400, "items[0].quantity");
        expectProblem(orderRequest(customer, "", List.of(item(product, 1))), 400, "paymentToken");
        expectProblem(orderRequest(customer, "tok_visa", List.of(item("P-NOPE", 1))), 422, "items[0].productId");
        Map<String, Object> badEmail = new java.util.HashMap<>(orderRequest(customer, "tok_visa",
                List.of(item(product, 1))));
        badEmail.put("customerEmail", "not-an-email");
        expectProblem(badEmail, 400, "customerEmail");
        Map<String, Object> dollars = new java.util.HashMap<>(orderRequest(customer, "tok_visa",
                List.of(item(product, 1))));
        dollars.put("currency", "USD");
        expectProblem(dollars, 422, "currency");
        Map<String, Object> unknownCurrency = new java.util.HashMap<>(dollars);
        unknownCurrency.put("currency", "XYZ");
        expectProblem(unknownCurrency, 422, "currency");
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body("{not json").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // PostgreSQL cannot store a NUL: refused before anything reaches it.
        expectProblem(orderRequest(customer, "tok_visa", List.of(item(product + "\u0000", 1))), 400,
                "items[0].productId");
        Map<String, Object> nulInStreet = new java.util.HashMap<>(orderRequest(customer, "tok_visa",
                List.of(item(product, 1))));
        nulInStreet.put("shippingAddress", Map.of("street", "1 Main\u0000 St", "city", "Springfield",
                "zipCode", "62701", "country", "US"));
        expectProblem(nulInStreet, 400, "shippingAddress.street");
        expectProblem(orderRequest(customer + "\u0000", "tok_visa", List.of(item(product, 1))), 400, "customerId");

        assertThat(ordersOf(customer)).isZero();
    }

    @Test
    void listsACustomersOrdersByStatus() {
        String product = productInCatalog(probe, catalog, "10.00");
        String customer = customer();
        place(orderRequest(customer, "tok_visa", List.of(item(product, 1))));
        UUID cancelled = place(orderRequest(customer, "tok_visa", List.of(item(product, 1))));
        http.post().uri("/api/orders/{id}/cancel", cancelled).exchange().expectStatus().isOk();

        http.get().uri("/api/orders?customerId={c}&status=CANCELLED", customer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].orderId").isEqualTo(cancelled.toString());
        http.get().uri("/api/orders?customerId={c}&size=1", customer).exchange()
                .expectBody()
                .jsonPath("$.totalElements").isEqualTo(2)
                .jsonPath("$.content.length()").isEqualTo(1);
        http.get().uri("/api/orders?size=1000").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/orders?customerId={c}", "\u0000").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/orders?page=30000000&size=100").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
    }

    private UUID place(Map<String, Object> request) {
        return place(request, null);
    }

    private UUID place(Map<String, Object> request, String idempotencyKey) {
        var spec = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        String orderId = spec.exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/orders/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody().get("orderId").toString();
        return UUID.fromString(orderId);
    }

    private void expectProblem(Map<String, Object> request, int status, String field) {
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString()).contains(field));
    }

    private EventMetadata reply(dev.eventmart.events.DomainEvent event) {
        return probe.send(event, "test-peer");
    }

    private void assertStatus(UUID orderId, String status, String reason) {
        await().untilAsserted(() -> http.get().uri("/api/orders/{id}", orderId).exchange()
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.reason").isEqualTo(reason));
    }

    private long paymentRequestsFor(UUID orderId) {
        return probe.received().stream()
                .filter(received -> received.event() instanceof PaymentRequested request
                        && request.orderId().equals(orderId))
                .count();
    }

    private int ordersOf(String customerId) {
        return jdbc.sql("select count(*) from customer_order where customer_id = ?").param(customerId)
                .query(Integer.class).single();
    }
}
