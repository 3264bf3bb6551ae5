package dev.eventmart.storefront.operations;

import dev.eventmart.storefront.StorefrontProperties;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /bff/operations/orders}: orders per status now, and throughput and p99 over the last minutes
 * ({@link OrderMetrics}). order-service's metrics are read with the staff member's own token: its
 * {@code /actuator/prometheus} is for {@code ops}, the role this endpoint needs too.
 */
@RestController
class OperationsController {

    private final OrderMetrics metrics;
    private final RestClient orderService;

    OperationsController(OrderMetrics metrics, StorefrontProperties properties, RestClient.Builder restClients) {
        this.metrics = metrics;
        this.orderService = restClients.baseUrl(properties.services().order().toString()).build();
    }

    @GetMapping("/bff/operations/orders")
    OrderMetrics.Series orders(@RegisteredOAuth2AuthorizedClient("eventmart") OAuth2AuthorizedClient client) {
        return metrics.series(() -> orderService.get().uri("/actuator/prometheus")
                .header("Accept", "text/plain;version=0.0.4")
                .headers(headers -> headers.setBearerAuth(client.getAccessToken().getTokenValue()))
                .retrieve().body(String.class));
    }
}
