package dev.eventmart.order.expiry;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Staff find an order stuck in the saga and force-expire it: it compensates exactly once, as the expiry job would.
 * The order stays {@code PENDING} because no inventory-service answers here; the job's own timeout (15 minutes) is
 * far off, so only the endpoint can expire it. Same context as the other integration tests.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class StuckOrdersIntegrationTests {

    private static final String STUCK = "/api/operations/stuck-orders";

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Test
    void forceExpiresAStuckOrderListedByStaffPublishingOrderExpiredOnce(CapturedOutput output) {
        try (EventProbe probe = EventProbe.on(Topics.ORDER_EXPIRED)) {
            String product = productInCatalog(probe, catalog, "10.00");
            UUID stuck = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));

            await().untilAsserted(() -> assertThat(stuckOrderIds()).contains(stuck));
            String listed = "$.orders[?(@.orderId == '" + stuck + "')]";
            http.get().uri(STUCK + "?olderThan=PT0.001S&limit=500").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath(listed + ".status").isEqualTo(List.of("PENDING"))
                    .jsonPath(listed + ".lastStep.status").isEqualTo(List.of("PENDING"))
                    .jsonPath(listed + ".ageSeconds").exists();

            http.post().uri(STUCK + "/{id}/expire", stuck).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("EXPIRED")
                    .jsonPath("$.reason").isEqualTo("TIMEOUT")
                    .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "EXPIRED"));
            OrderExpired expired = (OrderExpired) probe.await(OrderExpired.class,
                    event -> event.orderId().equals(stuck)).event();
            assertThat(expired.lastStatus()).isEqualTo("PENDING");
            assertThat(expired.lines()).singleElement().extracting(line -> line.quantity()).isEqualTo(1);
            assertThat(output).contains("Order " + stuck + " force-expired by eventmart-tests while PENDING");

            http.post().uri(STUCK + "/{id}/expire", stuck).exchange()
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.orderStatus").isEqualTo("EXPIRED");
            assertThat(stuckOrderIds()).doesNotContain(stuck);
            assertThat(probe.receivedToEnd().stream().filter(received -> received.event() instanceof OrderExpired
                    event && event.orderId().equals(stuck))).hasSize(1);
        }
    }

    @Test
    void refusesACustomerWithTheOrdersScope() {
        http.get().uri(STUCK).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.customer("ada")).exchange()
                .expectStatus().isForbidden();
        http.post().uri(STUCK + "/{id}/expire", UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.customer("ada")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void answersAnUnknownOrderWithA404() {
        http.post().uri(STUCK + "/{id}/expire", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    private List<UUID> stuckOrderIds() {
        Map<?, ?> body = http.get().uri(STUCK + "?olderThan=PT0.001S&limit=500").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) body.get("orders")).stream()
                .map(order -> UUID.fromString(((Map<?, ?>) order).get("orderId").toString())).toList();
    }
}
