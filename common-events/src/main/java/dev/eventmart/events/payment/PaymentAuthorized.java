package dev.eventmart.events.payment;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The gateway authorized the order total. There is at most one payment per order. */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, Instant authorizedAt)
        implements DomainEvent {

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
    }

    @Override
    public String subject() {
        return orderId.toString();
    }
}
