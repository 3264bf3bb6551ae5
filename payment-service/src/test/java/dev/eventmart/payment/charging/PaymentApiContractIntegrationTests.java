package dev.eventmart.payment.charging;

import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the payment API's real answers, valid and invalid
 * ({@link OpenApiContract}). Same context as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class PaymentApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Test
    void answersAsItsOpenApiDocumentSays() {
        OpenApiContract contract = OpenApiContract.served(http);
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.PAYMENT_AUTHORIZED)) {
            probe.send(new PaymentRequested(orderId, "customer-1", Money.of("49.90", "EUR"), "tok_visa",
                    Instant.now().truncatedTo(ChronoUnit.MICROS)), "order-service");
            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));
        }

        contract.check(get("/api/payments?orderId=" + orderId));
        contract.check(get("/api/payments?orderId=" + UUID.randomUUID()));
        contract.check(get("/api/payments?orderId=not-a-uuid"));
        contract.check(get("/api/payments"));

        contract.assertEveryOperationChecked();
    }

    private ExchangeResult get(String uri) {
        return http.get().uri(uri).exchange().returnResult();
    }
}
