package dev.eventmart.support.security;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call which of a service's endpoints: each service declares its rules as a bean of this type, and
 * {@link ApiSecurityAutoConfiguration} applies them between the shared rules (health open, Actuator for staff and
 * monitoring, API documents open) and the closing one (anything else needs a valid token). Rules name roles (who the
 * caller is, the token's {@code roles} claim) and scopes (what the client was allowed to ask for, {@code scope});
 * whether a customer may see a particular order is decided in the service with {@link Caller}.
 */
@FunctionalInterface
public interface ApiAccess {

    /** A customer of the shop: reads and changes only what is theirs. */
    String CUSTOMER = "customer";

    /** Staff: reads everything, restocks, operates. */
    String OPS = "ops";

    /** Another EventMart service calling on its own behalf. */
    String SERVICE = "service";

    /** A metrics scraper: Actuator's endpoints, nothing of the API. */
    String MONITORING = "monitoring";

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

    /** A caller with one of these roles, through a client granted this scope. */
    static AuthorizationManager<RequestAuthorizationContext> roleWithScope(String scope, String... roles) {
        return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAnyRole(roles),
                AuthorityAuthorizationManager.hasAuthority("SCOPE_" + scope));
    }
}
