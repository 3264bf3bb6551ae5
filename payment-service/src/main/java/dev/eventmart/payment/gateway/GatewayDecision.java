package dev.eventmart.payment.gateway;

import java.util.Objects;

/**
 * What the gateway answered: approved, or declined with the gateway's reason code (e.g. {@code card_declined}).
 */
public record GatewayDecision(boolean approved, String declineReason) {

    public GatewayDecision {
        if (approved == (declineReason != null)) {
            throw new IllegalArgumentException("a decline needs a reason and an approval has none");
        }
    }

    public static GatewayDecision approve() {
        return new GatewayDecision(true, null);
    }

    public static GatewayDecision decline(String reason) {
        return new GatewayDecision(false, Objects.requireNonNull(reason, "reason"));
    }
}
