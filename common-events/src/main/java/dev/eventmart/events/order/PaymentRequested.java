package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Stock is reserved; payment-service is asked to authorize the order total. The payment method is a token,
 * never a card number.
 */
public record PaymentRequested(@Required UUID orderId, String customerId, @Required Money amount,
        @Required String paymentToken, @Required Instant requestedAt) implements OrderScopedEvent {

    public PaymentRequested {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paymentToken, "paymentToken");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
