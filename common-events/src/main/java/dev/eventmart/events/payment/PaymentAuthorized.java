package dev.eventmart.events.payment;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The gateway authorized the order total. There is at most one payment per order. */
public record PaymentAuthorized(@Required UUID orderId, @Required UUID paymentId, @Required Money amount,
        @Required Instant authorizedAt) implements OrderScopedEvent {

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
    }
}
