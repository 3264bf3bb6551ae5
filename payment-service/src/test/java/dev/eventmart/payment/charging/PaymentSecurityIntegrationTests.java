package dev.eventmart.payment.charging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Who may see a payment, through the real filter chain with real tokens: nobody without a valid token; a customer
 * the payments of their own orders only (another's order answers as one without a payment); staff everyone's.
 */
@ServiceIntegrationTest
class PaymentSecurityIntegrationTests {

    @LocalServerPort
    private int port;

    @Test
    void showsACustomerOnlyTheirOwnPaymentsAndStaffEveryones() {
        String alice = "alice-" + UUID.randomUUID();
        UUID orderId = paidOrderOf(alice);

        assertThat(paymentsOf(Clients.withToken(port, TestTokens.customer(alice)), orderId)).hasSize(1);
        assertThat(paymentsOf(Clients.withToken(port, TestTokens.customer("bob-" + UUID.randomUUID())), orderId))
                .isEmpty();
        assertThat(paymentsOf(Clients.withToken(port, TestTokens.staff()), orderId)).hasSize(1);
    }

    /** Missing tokens and roles are refused the same way in {@link PaymentControllerTests}; these need a real one. */
    @Test
    void refusesAnExpiredTokenAndOneMeantForAnotherApi() {
        String uri = "/api/payments?orderId=" + UUID.randomUUID();
        Clients.withToken(port, TestTokens.token("alice").roles("customer").scopes(List.of("payments"))
                .expiresAt(Instant.now().minusSeconds(600)).sign()).get().uri(uri).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Clients.withToken(port, TestTokens.token("alice").roles("customer").scopes(List.of("payments"))
                .audience("another-api").sign()).get().uri(uri).exchange().expectStatus().isUnauthorized();
    }

    private static UUID paidOrderOf(String customerId) {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.PAYMENT_AUTHORIZED)) {
            probe.send(new PaymentRequested(orderId, customerId, Money.of("19.90", "EUR"), "tok_visa",
                    Instant.now().truncatedTo(ChronoUnit.MICROS)), "order-service");
            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));
        }
        return orderId;
    }

    private static List<?> paymentsOf(RestTestClient client, UUID orderId) {
        return client.get().uri("/api/payments?orderId={id}", orderId).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }
}
