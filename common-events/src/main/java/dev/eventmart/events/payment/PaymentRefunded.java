package dev.eventmart.events.payment;

import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An authorization was voided or refunded because its order did not complete; the customer is charged nothing. */
public record PaymentRefunded(@Required UUID orderId, @Required UUID paymentId, @Required Money amount,
        @Required Instant refundedAt) implements OrderScopedEvent {

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }
}
