package dev.eventmart.payment.payment;

import dev.eventmart.support.security.ApiAccess;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Customers (their own payments, {@link PaymentController}) and staff, through a client granted {@code payments}. */
@Component
class PaymentApiAccess implements ApiAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/payments", "/api/payments/**")
                .access(ApiAccess.roleWithScope("payments", CUSTOMER, OPS));
    }
}
