package dev.eventmart.notification.notification;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Customers (the notifications sent to them, {@link NotificationController}) and staff, through a client granted
 * {@code notifications}.
 */
@Component
class NotificationApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/notifications", "/api/notifications/**")
                .access(ApiAccess.roleWithScope("notifications", CUSTOMER, OPS));
    }
}
