package dev.eventmart.payment.gateway;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulated gateway. Latency and random declines are for demos and benchmarks; both are off by
 * default so that tests and the saga's invariants see only what the tokens decide.
 *
 * @param amountLimit       the largest amount approved, in any currency; anything above declines
 * @param latency           how long each authorization takes
 * @param randomDeclineRate share of otherwise approved payments declined with {@code random_decline}, 0 to 1
 * @param randomSeed        seed of those random declines, so a demo run can be repeated
 * @param slowCardLatency   how long the slow test card ({@code tok_visa_slow}) takes on top of {@code latency}
 */
@Validated
@ConfigurationProperties("eventmart.payment.gateway")
public record GatewayProperties(@NotNull @DefaultValue("10000") BigDecimal amountLimit,
        @NotNull @DefaultValue("0ms") Duration latency,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0") double randomDeclineRate,
        @DefaultValue("42") long randomSeed,
        @NotNull @DefaultValue("3s") Duration slowCardLatency) {
}
