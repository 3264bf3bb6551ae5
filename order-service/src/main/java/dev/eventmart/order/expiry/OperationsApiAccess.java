package dev.eventmart.order.expiry;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may operate order-service ({@code /api/operations/**}): staff only, through a client granted {@code orders}. */
@Component
class OperationsApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/operations", "/api/operations/**")
                .access(ApiAccess.roleWithScope("orders", OPS));
    }
}
