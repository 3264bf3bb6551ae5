package dev.eventmart.order.ordering;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Who may do what with orders, through the real filter chain with real tokens: none or a bad one is {@code 401} with
 * {@code WWW-Authenticate}; a customer places, reads, lists and cancels only their own orders (another's is
 * {@code 404}); staff see everyone's; idempotency keys are each customer's own.
 */
@ServiceIntegrationTest
class OrderSecurityIntegrationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private CatalogReplica catalog;

    private String productId;

    @BeforeEach
    void productInTheCatalog() {
        try (EventProbe probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT)) {
            productId = productInCatalog(probe, catalog, "10.00");
        }
    }

    @Test
    void refusesACallWithoutATokenWithAChallengeAndAProblem() {
        Clients.anonymous(port).get().uri("/api/orders").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    static Stream<String> unacceptableTokens() {
        return Stream.of(
                TestTokens.token("alice").roles("customer").scopes(List.of("orders")).audience("another-api").sign(),
                TestTokens.token("alice").roles("customer").scopes(List.of("orders"))
                        .expiresAt(Instant.now().minusSeconds(600)).sign(),
                TestTokens.token("alice").roles("customer").scopes(List.of("orders"))
                        .issuer("http://elsewhere.example").sign(),
                TestTokens.token("alice").roles("customer").scopes(List.of("orders")).signedByAnotherKey().sign(),
                "not-a-jwt");
    }

    @ParameterizedTest
    @MethodSource("unacceptableTokens")
    void refusesATokenForAnotherAudienceExpiredFromAnotherIssuerOrForged(String token) {
        Clients.withToken(port, token).get().uri("/api/orders").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        value -> assertThat(value).startsWith("Bearer").contains("invalid_token"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesATokenWithoutARoleForOrders() {
        Clients.withToken(port, TestTokens.activityCollector()).get().uri("/api/orders").exchange()
                .expectStatus().isForbidden()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void letsACustomerSeeAndCancelOnlyTheirOwnOrders() {
        String alice = customer();
        String bob = customer();
        RestTestClient asAlice = Clients.withToken(port, TestTokens.customer(alice));
        RestTestClient asBob = Clients.withToken(port, TestTokens.customer(bob));
        UUID alicesOrder = place(asAlice, request(null), null);
        UUID bobsOrder = place(asBob, request(null), null);

        asAlice.get().uri("/api/orders/{id}", alicesOrder).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.customerId").isEqualTo(alice);
        asBob.get().uri("/api/orders/{id}", alicesOrder).exchange().expectStatus().isNotFound();
        asBob.post().uri("/api/orders/{id}/cancel", alicesOrder).exchange().expectStatus().isNotFound();

        assertThat(customersListed(asBob, "/api/orders")).containsOnly(bob);
        asBob.get().uri("/api/orders?customerId={c}", alice).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(customersListed(Clients.withToken(port, TestTokens.staff()), "/api/orders?customerId=" + alice))
                .containsOnly(alice);
        Clients.withToken(port, TestTokens.staff()).get().uri("/api/orders/{id}", bobsOrder).exchange()
                .expectStatus().isOk();

        asAlice.post().uri("/api/orders/{id}/cancel", alicesOrder).exchange().expectStatus().isOk();
    }

    @Test
    void placesAnOrderOnlyForTheCallerUnlessStaffNameTheCustomer() {
        String alice = customer();
        RestTestClient asAlice = Clients.withToken(port, TestTokens.customer(alice));
        asAlice.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request("someone-else"))
                .exchange().expectStatus().isForbidden();
        UUID naming = place(asAlice, request(alice), null);
        asAlice.get().uri("/api/orders/{id}", naming).exchange().expectStatus().isOk();

        RestTestClient asStaff = Clients.withToken(port, TestTokens.staff());
        UUID forAlice = place(asStaff, request(alice), null);
        asAlice.get().uri("/api/orders/{id}", forAlice).exchange().expectStatus().isOk();
        asStaff.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request(null)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("customerId");
    }

    @Test
    void scopesIdempotencyKeysToTheCustomerAndRefusesAKeyReusedForAnotherOrder() {
        RestTestClient asAlice = Clients.withToken(port, TestTokens.customer(customer()));
        RestTestClient asBob = Clients.withToken(port, TestTokens.customer(customer()));
        String key = "checkout-" + UUID.randomUUID();

        UUID alicesOrder = place(asAlice, request(null), key);
        assertThat(place(asAlice, request(null), key)).isEqualTo(alicesOrder);
        assertThat(place(asBob, request(null), key)).isNotEqualTo(alicesOrder);

        Map<String, Object> another = new HashMap<>(request(null));
        another.put("items", List.of(item(productId, 3)));
        asAlice.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .body(another).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:eventmart:problem:idempotency-key-reused");
    }

    @Test
    void opensHealthToAnyoneAndTheRestOfActuatorOnlyToStaff() {
        Clients.anonymous(port).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        Clients.anonymous(port).get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components").doesNotExist();
        Clients.withToken(port, TestTokens.staff()).get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.db.status").isEqualTo("UP");
        Clients.anonymous(port).get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        Clients.withToken(port, TestTokens.customer(customer())).get().uri("/actuator/prometheus").exchange()
                .expectStatus().isForbidden();
        Clients.withToken(port, TestTokens.token("prometheus").roles("monitoring").sign()).get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk();
        Clients.anonymous(port).get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    private Map<String, Object> request(String customerId) {
        Map<String, Object> request = new HashMap<>(orderRequest("ignored", "tok_visa", List.of(item(productId, 1))));
        request.remove("customerId");
        if (customerId != null) {
            request.put("customerId", customerId);
        }
        return request;
    }

    private static UUID place(RestTestClient client, Map<String, Object> request, String idempotencyKey) {
        RestTestClient.RequestBodySpec spec = client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        Map<?, ?> body = spec.body(request).exchange().expectStatus().isAccepted().expectBody(Map.class)
                .returnResult().getResponseBody();
        return UUID.fromString(body.get("orderId").toString());
    }

    private static List<String> customersListed(RestTestClient client, String uri) {
        Map<?, ?> page = client.get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        return ((List<?>) page.get("content")).stream().map(order -> String.valueOf(((Map<?, ?>) order).get("customerId")))
                .toList();
    }
}
