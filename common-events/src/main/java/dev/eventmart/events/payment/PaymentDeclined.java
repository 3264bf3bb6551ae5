package dev.eventmart.events.payment;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The gateway refused the payment; {@code reason} is the gateway's code, e.g. {@code card_declined}. */
public record PaymentDeclined(@Required UUID orderId, @Required UUID paymentId, Money amount, @Required String reason,
        @Required Instant declinedAt) implements OrderScopedEvent {

    public PaymentDeclined {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(declinedAt, "declinedAt");
    }
}
