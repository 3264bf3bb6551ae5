package dev.eventmart.payment.gateway;

import dev.eventmart.events.Money;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A card gateway that decides from the payment token alone, like the test mode of a real payment provider, so
 * every outcome of the saga can be produced on purpose:
 * <ul>
 * <li>{@code tok_visa} and {@code tok_mastercard} approve;</li>
 * <li>{@code tok_visa_slow} approves too, but only after {@link GatewayProperties#slowCardLatency()} (3 s): the
 * card of a slow issuer, so that an order stays {@code RESERVED} long enough for a customer (or a demo) to cancel
 * it, whatever the gateway's latency;</li>
 * <li>{@code tok_chargeDeclined} declines {@code card_declined}, {@code tok_insufficientFunds} declines
 * {@code insufficient_funds};</li>
 * <li>any other token declines {@code invalid_token}: a token the gateway never issued identifies no card, and
 * treating it as approved would let a typo charge nobody and still confirm the order;</li>
 * <li>an amount above {@link GatewayProperties#amountLimit()} declines {@code amount_limit_exceeded}, whatever the
 * card: a risk rule the gateway applies before it asks the issuer.</li>
 * </ul>
 * For demos, an optional latency and a share of random declines ({@code random_decline}) apply on top.
 */
@Component
class SimulatedGateway implements PaymentGateway {

    static final String CARD_DECLINED = "card_declined";
    static final String INSUFFICIENT_FUNDS = "insufficient_funds";
    static final String INVALID_TOKEN = "invalid_token";
    static final String AMOUNT_LIMIT_EXCEEDED = "amount_limit_exceeded";
    static final String RANDOM_DECLINE = "random_decline";
    static final String SLOW_CARD = "tok_visa_slow";

    /** The test tokens the gateway knows, with the issuer's answer for each. */
    private static final Map<String, GatewayDecision> TEST_CARDS = Map.of(
            "tok_visa", GatewayDecision.approve(),
            "tok_mastercard", GatewayDecision.approve(),
            SLOW_CARD, GatewayDecision.approve(),
            "tok_chargeDeclined", GatewayDecision.decline(CARD_DECLINED),
            "tok_insufficientFunds", GatewayDecision.decline(INSUFFICIENT_FUNDS));

    private final GatewayProperties properties;

    SimulatedGateway(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public GatewayDecision authorize(UUID orderId, String paymentToken, Money amount) {
        simulateLatency(properties.latency());
        if (SLOW_CARD.equals(paymentToken)) {
            simulateLatency(properties.slowCardLatency());
        }
        GatewayDecision card = TEST_CARDS.get(paymentToken);
        if (card == null) {
            return GatewayDecision.decline(INVALID_TOKEN);
        }
        if (amount.amount().compareTo(properties.amountLimit()) > 0) {
            return GatewayDecision.decline(AMOUNT_LIMIT_EXCEEDED);
        }
        if (!card.approved()) {
            return card;
        }
        if (randomlyDeclined(orderId)) {
            return GatewayDecision.decline(RANDOM_DECLINE);
        }
        return card;
    }

    /**
     * Drawn from the seed and the order id rather than from one shared sequence: the answer for an order does not
     * depend on which orders came before it or on thread timing, and asking again for the same order gives the
     * same answer, as a real gateway does for a repeated idempotency key.
     */
    private boolean randomlyDeclined(UUID orderId) {
        if (properties.randomDeclineRate() <= 0) {
            return false;
        }
        long seed = properties.randomSeed() ^ orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits();
        return new SplittableRandom(seed).nextDouble() < properties.randomDeclineRate();
    }

    private static void simulateLatency(Duration latency) {
        if (latency.isPositive()) {
            try {
                Thread.sleep(latency);
            }
            catch (InterruptedException ex) {
                // Shutting down: no answer is not a decline; the request is redelivered and asked again.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the gateway", ex);
            }
        }
    }
}
