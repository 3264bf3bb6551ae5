package dev.eventmart.analytics;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Activity is written by clients granted {@code activity.write}: a web page's backend holding the public
 * {@code activity-collector} client's token (it may write events, never read a figure), or a signed-in customer's
 * client. Figures are staff's ({@code analytics.read}); the instances' internal store queries are the service's own
 * ({@code service} role, the client-credentials token analytics-service gets for itself).
 */
@Component
class AnalyticsApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.POST, "/api/activity/**")
                .access(AuthorityAuthorizationManager.hasAuthority("SCOPE_activity.write"));
        requests.requestMatchers("/api/analytics/**").access(ApiAccess.roleWithScope("analytics.read", OPS));
        requests.requestMatchers("/internal/analytics/**").access(ApiAccess.roleWithScope("analytics.read", SERVICE));
    }
}
