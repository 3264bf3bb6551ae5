package dev.eventmart.storefront;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The storefront's settings.
 *
 * @param services        where each service's API is, as the storefront's backend reaches it
 * @param metricsInterval the least time between two samples of order-service's metrics for the operations page
 * @param metricsWindow   how far back the operations page's throughput and p99 series reach
 * @param tokenIssuer     the issuer identity-service puts in its tokens ({@code iss}), which a login's ID token must
 *                        name
 */
@ConfigurationProperties("eventmart.storefront")
@Validated
public record StorefrontProperties(@NotNull @Valid Services services, @NotNull Duration metricsInterval,
        @NotNull Duration metricsWindow, @NotNull URI tokenIssuer) {

    public record Services(@NotNull URI order, @NotNull URI inventory, @NotNull URI payment,
            @NotNull URI notification, @NotNull URI analytics) {
    }
}
