package dev.eventmart.payment.gateway;

import dev.eventmart.events.Money;
import java.util.UUID;

/**
 * Authorizes a payment with a card gateway. The order id travels as the idempotency key: asking twice for the
 * same order (a redelivery after a crash between the gateway call and the commit) is one authorization at a real
 * gateway, never a second charge.
 */
public interface PaymentGateway {

    GatewayDecision authorize(UUID orderId, String paymentToken, Money amount);
}
