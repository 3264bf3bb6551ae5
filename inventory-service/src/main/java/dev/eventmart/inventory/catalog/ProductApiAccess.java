package dev.eventmart.inventory.catalog;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The catalog is the shop window: anyone may browse it, no token needed. Restocking is staff's, through a client
 * granted {@code inventory.write}.
 */
@Component
class ProductApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*").permitAll();
        requests.requestMatchers(HttpMethod.POST, "/api/products/*/restock")
                .access(ApiAccess.roleWithScope("inventory.write", OPS));
    }
}
