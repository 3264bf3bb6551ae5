package dev.eventmart.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedGatewayTests {

    private final SimulatedGateway gateway = gateway(settings());

    @ParameterizedTest
    @ValueSource(strings = { "tok_visa", "tok_mastercard" })
    void approvesTheApprovingTestTokens(String token) {
        assertThat(gateway.authorize(UUID.randomUUID(), token, euros("49.90"))).isEqualTo(GatewayDecision.approve());
    }

    @ParameterizedTest
    @CsvSource({ "tok_chargeDeclined, card_declined", "tok_insufficientFunds, insufficient_funds" })
    void declinesTheDecliningTestTokensWithTheirReasons(String token, String reason) {
        assertThat(gateway.authorize(UUID.randomUUID(), token, euros("49.90")))
                .isEqualTo(GatewayDecision.decline(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = { "tok_unknown", "4242424242424242", "", "TOK_VISA" })
    void declinesAnyOtherTokenAsInvalid(String token) {
        assertThat(gateway.authorize(UUID.randomUUID(), token, euros("49.90")))
                .isEqualTo(GatewayDecision.decline("invalid_token"));
    }

    @Test
    void approvesUpToTheAmountLimitAndDeclinesAbove() {
        assertThat(gateway.authorize(UUID.randomUUID(), "tok_visa", euros("10000.00")).approved()).isTrue();
        assertThat(gateway.authorize(UUID.randomUUID(), "tok_visa", euros("10000.01")))
                .isEqualTo(GatewayDecision.decline("amount_limit_exceeded"));
    }

    @Test
    void takesTheAmountLimitFromItsSettings() {
        SimulatedGateway strict = gateway(new GatewayProperties(new BigDecimal("100"), Duration.ZERO, 0, 42,
                Duration.ZERO));

        assertThat(strict.authorize(UUID.randomUUID(), "tok_mastercard", euros("100.01")))
                .isEqualTo(GatewayDecision.decline("amount_limit_exceeded"));
    }

    @Test
    void declinesNothingAtRandomByDefault() {
        assertThat(IntStream.range(0, 1_000)
                .mapToObj(i -> gateway.authorize(UUID.randomUUID(), "tok_visa", euros("1.00"))))
                .allMatch(GatewayDecision::approved);
    }

    @Test
    void declinesTheConfiguredShareOfApprovalsAtRandom() {
        SimulatedGateway flaky = gateway(new GatewayProperties(new BigDecimal("10000"), Duration.ZERO, 0.3, 7,
                Duration.ZERO));

        long declined = IntStream.range(0, 2_000)
                .mapToObj(i -> flaky.authorize(UUID.randomUUID(), "tok_visa", euros("1.00")))
                .filter(decision -> !decision.approved())
                .peek(decision -> assertThat(decision.declineReason()).isEqualTo("random_decline"))
                .count();

        assertThat(declined).isBetween(500L, 700L);
    }

    @Test
    void givesTheSameRandomAnswerForTheSameOrderAndSeed() {
        GatewayProperties settings = new GatewayProperties(new BigDecimal("10000"), Duration.ZERO, 0.5, 7,
                Duration.ZERO);
        SimulatedGateway first = gateway(settings);
        SimulatedGateway second = gateway(settings);

        IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).forEach(orderId ->
                assertThat(second.authorize(orderId, "tok_visa", euros("1.00")))
                        .isEqualTo(first.authorize(orderId, "tok_visa", euros("1.00"))));
    }

    @Test
    void neverTurnsADeclineIntoARandomDecline() {
        SimulatedGateway flaky = gateway(new GatewayProperties(new BigDecimal("10000"), Duration.ZERO, 1.0, 7,
                Duration.ZERO));

        assertThat(flaky.authorize(UUID.randomUUID(), "tok_chargeDeclined", euros("1.00")))
                .isEqualTo(GatewayDecision.decline("card_declined"));
        assertThat(flaky.authorize(UUID.randomUUID(), "tok_visa", euros("1.00")))
                .isEqualTo(GatewayDecision.decline("random_decline"));
    }

    @Test
    void answersNoSoonerThanTheConfiguredLatency() {
        Duration latency = Duration.ofMillis(50);
        SimulatedGateway slow = gateway(new GatewayProperties(new BigDecimal("10000"), latency, 0, 42, Duration.ZERO));

        long started = System.nanoTime();
        slow.authorize(UUID.randomUUID(), "tok_visa", euros("1.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
    }

    @Test
    void approvesTheSlowCardAfterItsOwnLatency() {
        Duration slowCard = Duration.ofMillis(50);
        SimulatedGateway gateway = gateway(new GatewayProperties(new BigDecimal("10000"), Duration.ZERO, 0, 42,
                slowCard));

        long started = System.nanoTime();
        GatewayDecision decision = gateway.authorize(UUID.randomUUID(), "tok_visa_slow", euros("1.00"));

        assertThat(decision).isEqualTo(GatewayDecision.approve());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(slowCard);
    }

    private static GatewayProperties settings() {
        return new GatewayProperties(new BigDecimal("10000"), Duration.ZERO, 0, 42, Duration.ZERO);
    }

    private static SimulatedGateway gateway(GatewayProperties properties) {
        return new SimulatedGateway(properties);
    }

    private static Money euros(String amount) {
        return Money.of(amount, "EUR");
    }
}
