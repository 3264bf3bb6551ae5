package dev.eventmart.notification.notifying;

import static org.awaitility.Awaitility.await;

import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the notification API's real answers, valid and invalid
 * ({@link OpenApiContract}). Same context as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class NotificationApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void answersAsItsOpenApiDocumentSays() {
        OpenApiContract contract = OpenApiContract.served(http);
        UUID orderId = UUID.randomUUID();
        Money price = Money.of("19.99", "EUR");
        try (EventProbe probe = EventProbe.on(Topics.ORDER_PLACED)) {
            probe.send(new OrderPlaced(orderId, "contract-customer", "ada@example.com",
                    List.of(new OrderLine("P-1", "SKU-1", "Pen", 1, price, price)), price,
                    new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)), "order-service");
        }
        UUID notificationId = await().until(() -> jdbc.sql(
                "select notification_id from notification where order_id = ?").param(orderId).query(UUID.class)
                .optional(), Optional::isPresent).orElseThrow();

        contract.check(get("/api/notifications?orderId=" + orderId));
        contract.check(get("/api/notifications?type=NOT_A_TYPE"));

        contract.check(get("/api/notifications/" + notificationId));
        contract.check(get("/api/notifications/not-a-uuid"));
        contract.check(get("/api/notifications/" + UUID.randomUUID()));

        contract.assertEveryOperationChecked();
    }

    private ExchangeResult get(String uri) {
        return http.get().uri(uri).exchange().returnResult();
    }
}
