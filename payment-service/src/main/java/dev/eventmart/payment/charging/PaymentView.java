package dev.eventmart.payment.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment as the REST API shows it. */
record PaymentView(UUID paymentId, UUID orderId, BigDecimal amount, String currency, PaymentStatus status,
        String reason, Instant createdAt, Instant updatedAt) {

    static PaymentView of(Payment payment) {
        return new PaymentView(payment.paymentId(), payment.orderId(), payment.amount().amount(),
                payment.amount().currency(), payment.status(), payment.reason(), payment.createdAt(),
                payment.updatedAt());
    }
}
