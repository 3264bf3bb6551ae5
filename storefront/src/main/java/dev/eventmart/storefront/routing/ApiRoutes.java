package dev.eventmart.storefront.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.TokenRelayFilterFunctions.tokenRelay;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.eventmart.storefront.StorefrontProperties;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /api/**} to the service that owns it (Spring Cloud Gateway server WebMVC), paths unchanged. Every route relays
 * the logged-in user's access token as a bearer token (refreshed by Spring Security when it expires) and drops the
 * browser's cookies and CSRF header: the services are stateless resource servers and have no use for the session. A
 * visitor who is not logged in goes through without a token, which only the catalog accepts.
 * <p>
 * An order's event stream is not routed here: the gateway copies a response body without flushing it, so the events
 * would reach the page only when the stream ends ({@link OrderEventsRelay} relays it instead).
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    static final String ORDER_EVENTS = "/api/orders/*/events";

    @Bean
    RouterFunction<ServerResponse> orderServiceRoutes(StorefrontProperties properties) {
        return to("order-service", properties.services().order(),
                path("/api/orders/**").and(path(ORDER_EVENTS).negate()).or(path("/api/operations/**")));
    }

    @Bean
    RouterFunction<ServerResponse> inventoryServiceRoutes(StorefrontProperties properties) {
        return to("inventory-service", properties.services().inventory(), path("/api/products/**"));
    }

    @Bean
    RouterFunction<ServerResponse> paymentServiceRoutes(StorefrontProperties properties) {
        return to("payment-service", properties.services().payment(), path("/api/payments/**"));
    }

    @Bean
    RouterFunction<ServerResponse> notificationServiceRoutes(StorefrontProperties properties) {
        return to("notification-service", properties.services().notification(), path("/api/notifications/**"));
    }

    /**
     * Figures only: activity goes through the storefront's own {@code /bff/activity}, which stamps the session's user
     * on it, never straight from the browser to the ingestion API.
     */
    @Bean
    RouterFunction<ServerResponse> analyticsServiceRoutes(StorefrontProperties properties) {
        return to("analytics-service", properties.services().analytics(), path("/api/analytics/**"));
    }

    private static RouterFunction<ServerResponse> to(String id, URI service, RequestPredicate paths) {
        return route(id)
                .route(paths, http())
                .before(uri(service))
                .before(removeRequestHeader("Cookie"))
                .before(removeRequestHeader("X-XSRF-TOKEN"))
                .filter(tokenRelay())
                .build();
    }
}
