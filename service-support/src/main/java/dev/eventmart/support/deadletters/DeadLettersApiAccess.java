package dev.eventmart.support.deadletters;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may use the dead-letter API: staff ({@code ops}) through a client granted the service's scope
 * ({@code eventmart.dead-letters.scope}). Declared with the API, so that a service turning it on cannot leave it
 * open to any valid token.
 */
public class DeadLettersApiAccess implements ApiAccess {

    private final String scope;

    public DeadLettersApiAccess(String scope) {
        this.scope = scope;
    }

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(DeadLetterController.BASE, DeadLetterController.BASE + "/**",
                DeadLetterController.ACTIONS).access(ApiAccess.roleWithScope(scope, OPS));
    }
}
