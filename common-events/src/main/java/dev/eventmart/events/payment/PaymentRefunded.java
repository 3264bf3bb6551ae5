package dev.eventmart.events.payment;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An authorization was voided or refunded because its order did not complete; the customer is charged nothing. */
public record PaymentRefunded(UUID orderId, UUID paymentId, Money amount, Instant refundedAt)
        implements DomainEvent {

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }

    @Override
    public String subject() {
        return orderId.toString();
    }
}
