package dev.eventmart.order.order;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may use the orders API: customers (their own orders, decided in {@link OrderController} with the caller) and
 * staff (everyone's, and placing an order for a named customer), each through a client granted the {@code orders}
 * scope.
 */
@Component
class OrderApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/orders", "/api/orders/**")
                .access(ApiAccess.roleWithScope("orders", CUSTOMER, OPS));
    }
}
