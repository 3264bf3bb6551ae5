package dev.eventmart.order.ordering;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.deadLetteredEmail;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;

import dev.eventmart.events.Topics;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the order API's real answers, valid and invalid
 * ({@link OpenApiContract}), the live order view (events, bounded wait) and the staff-only operations API (stuck orders, dead letters) included. Same context as the other integration tests,
 * so no second service starts.
 */
@ServiceIntegrationTest
class OrderApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Test
    void answersAsItsOpenApiDocumentSays() {
        OpenApiContract contract = OpenApiContract.served(http);
        String productId;
        try (EventProbe probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT)) {
            productId = productInCatalog(probe, catalog, "12.50");
        }
        String customer = customer();
        Map<String, Object> order = orderRequest(customer, "tok_visa", List.of(item(productId, 2)));

        contract.check(http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "contract-" + UUID.randomUUID()).body(order).exchange().returnResult());
        UUID orderId = placedOrderId(customer);
        contract.check(post("/api/orders", Map.of("customerId", customer)));
        contract.check(post("/api/orders", orderRequest(customer, "tok_visa", List.of(item("P-unknown", 1)))));

        contract.check(get("/api/orders/" + orderId));
        contract.check(get("/api/orders/not-a-uuid"));
        contract.check(get("/api/orders/" + UUID.randomUUID()));

        contract.check(get("/api/orders?customerId=" + customer));
        contract.check(get("/api/orders?size=0"));

        contract.check(post("/api/orders/" + orderId + "/cancel", null));
        contract.check(post("/api/orders/" + orderId + "/cancel", null));
        contract.check(post("/api/orders/" + UUID.randomUUID() + "/cancel", null));
        contract.check(post("/api/orders/not-a-uuid/cancel", null));

        // The order is final now: its event stream sends one event and ends, and the bounded wait answers at once.
        contract.check(events(orderId, null));
        contract.check(events(orderId, "2"));
        contract.check(events(orderId, "-1"));
        contract.check(events(UUID.randomUUID(), null));
        contract.check(get("/api/orders/" + orderId + "?waitFor=terminal&timeoutMs=1000"));
        contract.check(get("/api/orders/" + orderId + "?waitFor=soon"));

        UUID stuck = place(http, orderRequest(customer, "tok_visa", List.of(item(productId, 1))));
        contract.check(get("/api/operations/stuck-orders?olderThan=PT0.001S&limit=500"));
        contract.check(get("/api/operations/stuck-orders?limit=0"));
        contract.check(post("/api/operations/stuck-orders/" + stuck + "/expire", null));
        contract.check(post("/api/operations/stuck-orders/" + stuck + "/expire", null));
        contract.check(post("/api/operations/stuck-orders/" + UUID.randomUUID() + "/expire", null));
        contract.check(post("/api/operations/stuck-orders/not-a-uuid/expire", null));

        String deadLetters = "/api/operations/dead-letters/" + Topics.deadLetterOf(Topics.EMAIL_SENT);
        String toReplay = UUID.randomUUID().toString();
        String toDiscard = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.on(Topics.deadLetterOf(Topics.EMAIL_SENT))) {
            deadLetteredEmail(probe, toReplay);
            deadLetteredEmail(probe, toDiscard);
            String replayAt = address(probe, toReplay);
            String discardAt = address(probe, toDiscard);
            contract.check(get("/api/operations/dead-letters"));
            contract.check(get(deadLetters + "/records?limit=100"));
            contract.check(get(deadLetters + "/records?limit=0"));
            contract.check(get("/api/operations/dead-letters/no.such.topic.dlt/records"));
            contract.check(get(deadLetters + "/records/" + replayAt));
            contract.check(get(deadLetters + "/records/0/999999999"));
            contract.check(get(deadLetters + "/records/0/not-an-offset"));
            contract.check(post(deadLetters + "/records/" + discardAt + "/discard", Map.of("reason", "a test")));
            contract.check(post(deadLetters + "/records/" + discardAt + "/discard", Map.of("reason", "again")));
            contract.check(post(deadLetters + "/records/0/999999999/discard", Map.of("reason", "a test")));
            contract.check(post(deadLetters + "/records/" + discardAt + "/discard", Map.of("reason", " ")));
            contract.check(post(deadLetters + "/records/" + replayAt + "/replay", Map.of("reason", "fixed")));
            contract.check(post(deadLetters + "/records/" + replayAt + "/replay", null));
            contract.check(post(deadLetters + "/records/0/999999999/replay", null));
            contract.check(post(deadLetters + "/records/-1/0/replay", null));
            contract.check(post(deadLetters + "/replay", null));
            contract.check(post("/api/operations/dead-letters/no.such.topic.dlt/replay", null));
            contract.check(post(deadLetters + "/replay", Map.of("reason", "a\u0007b")));
            contract.check(get("/api/operations/dead-letter-actions?topic=" + Topics.deadLetterOf(Topics.EMAIL_SENT)));
            contract.check(get("/api/operations/dead-letter-actions?limit=0"));
            contract.check(get("/api/operations/dead-letter-actions?topic=no.such.topic.dlt"));
        }

        contract.assertEveryOperationChecked();
    }

    /** {@code <partition>/<offset>} of the dead letter with this key. */
    private static String address(EventProbe probe, String key) {
        ReceivedEvent record = probe.awaitRecord(received -> key.equals(received.key()));
        return record.record().partition() + "/" + record.record().offset();
    }

    private UUID placedOrderId(String customer) {
        Map<?, ?> page = http.get().uri("/api/orders?customerId=" + customer).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString(((Map<?, ?>) ((List<?>) page.get("content")).getFirst()).get("orderId").toString());
    }

    private ExchangeResult events(UUID orderId, String lastEventId) {
        RestTestClient.RequestHeadersSpec<?> request = http.get().uri("/api/orders/{id}/events", orderId)
                .accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.exchange().returnResult();
    }

    private ExchangeResult get(String uri) {
        return http.get().uri(uri).exchange().returnResult();
    }

    private ExchangeResult post(String uri, Object body) {
        RestTestClient.RequestBodySpec request = http.post().uri(uri);
        return body == null ? request.exchange().returnResult()
                : request.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult();
    }
}
