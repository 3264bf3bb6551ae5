package dev.eventmart.order.expiry;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

@ServiceIntegrationTest
@TestPropertySource(properties = {
        "eventmart.order.expiry.timeout=2s",
        "eventmart.order.expiry.scan-interval=300ms" })
class OrderExpiryIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Test
    void expiresOrdersThatGetNoReplyWithinTheTimeout() {
        try (EventProbe probe = EventProbe.on(Topics.PAYMENT_REQUESTED, Topics.ORDER_EXPIRED)) {
            String product = productInCatalog(probe, catalog, "10.00");
            UUID pending = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
            UUID reserved = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 2))));
            probe.send(new StockReserved(reserved, List.of(new StockLine(product, 2)), Instant.now()), "test-peer");
            probe.await(PaymentRequested.class, event -> event.orderId().equals(reserved));

            OrderExpired pendingExpired = (OrderExpired) probe.await(OrderExpired.class,
                    event -> event.orderId().equals(pending)).event();
            OrderExpired reservedExpired = (OrderExpired) probe.await(OrderExpired.class,
                    event -> event.orderId().equals(reserved)).event();

            assertThat(pendingExpired.lastStatus()).isEqualTo("PENDING");
            assertThat(reservedExpired.lastStatus()).isEqualTo("RESERVED");
            assertThat(reservedExpired.lines()).singleElement().extracting(line -> line.quantity()).isEqualTo(2);
            http.get().uri("/api/orders/{id}", reserved).exchange()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("EXPIRED")
                    .jsonPath("$.reason").isEqualTo("TIMEOUT")
                    .jsonPath("$.statusHistory[*].status").isEqualTo(List.of("PENDING", "RESERVED", "EXPIRED"));
            assertThat(probe.received().stream().filter(received -> received.event() instanceof OrderExpired expired
                    && expired.orderId().equals(pending))).hasSize(1);
        }
    }
}
