package dev.eventmart.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The rule of an API that customers use for what is theirs and staff for everyone's: {@code /api/<name>} and all
 * below it, for a caller with the {@link #CUSTOMER} or {@link #OPS} role through a client granted the scope
 * {@code <name>}. Which records a customer may see is the service's own decision, made with the {@link Caller}.
 * A service declares its rule as a subclass naming its API.
 */
public abstract class CustomersAndStaff implements ApiAccess {

    private final String name;

    protected CustomersAndStaff(String name) {
        this.name = name;
    }

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/" + name, "/api/" + name + "/**")
                .access(ApiAccess.roleWithScope(name, CUSTOMER, OPS));
    }
}
