package dev.eventmart.payment.charging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.events.payment.PaymentRefunded;
import dev.eventmart.payment.gateway.GatewayDecision;
import dev.eventmart.support.security.Caller;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The one payment of an order: the gateway's answer to its request and, if the order then ends without a sale,
 * the refund. It guards its own transitions and returns the event each one causes.
 */
@Entity
class Payment {

    @Id
    private UUID paymentId;

    private UUID orderId;

    /** The customer who placed the order; {@code null} for payments taken before it was recorded. */
    private String customerId;

    private BigDecimal amount;

    private String currency;

    @Enumerated(EnumType.STRING)
    private PaymentStatus status;

    private String reason;

    private Instant createdAt;

    private Instant updatedAt;

    /** Optimistic locking for the refund; a new payment is stored with 0 ({@link PaymentRows}). */
    @Version
    private Long version;

    protected Payment() {
    }

    private Payment(UUID orderId, String customerId, Money amount, PaymentStatus status, String reason,
            Instant now) {
        this.paymentId = UUID.randomUUID();
        this.orderId = orderId;
        this.customerId = customerId;
        this.amount = amount.amount();
        this.currency = amount.currency();
        this.status = status;
        this.reason = reason;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The payment the gateway's decision makes of a request for {@code amount}. */
    static Payment decided(UUID orderId, String customerId, Money amount, GatewayDecision decision, Instant now) {
        return decision.approved()
                ? new Payment(orderId, customerId, amount, PaymentStatus.AUTHORIZED, null, now)
                : new Payment(orderId, customerId, amount, PaymentStatus.DECLINED, decision.declineReason(), now);
    }

    /** Whether this caller may see it: staff any, a customer their own. */
    boolean visibleTo(Caller caller) {
        return caller.staff() || (customerId != null && caller.mayAccess(customerId));
    }

    /** The event that tells the order how its payment went. */
    DomainEvent outcome() {
        return switch (status) {
            case AUTHORIZED -> new PaymentAuthorized(orderId, paymentId, amount(), createdAt);
            case DECLINED -> new PaymentDeclined(orderId, paymentId, amount(), reason, createdAt);
            case REFUNDED -> throw new IllegalStateException("payment " + paymentId + " is already refunded");
        };
    }

    boolean isAuthorized() {
        return status == PaymentStatus.AUTHORIZED;
    }

    /**
     * Voids the authorization: the order ended without a sale, so the customer is charged nothing net. Only an
     * authorized payment can be refunded; anything else is a bug in the caller.
     */
    PaymentRefunded refund(Instant now) {
        if (!isAuthorized()) {
            throw new IllegalStateException("payment " + paymentId + " is " + status + ", only AUTHORIZED refunds");
        }
        status = PaymentStatus.REFUNDED;
        updatedAt = now;
        return new PaymentRefunded(orderId, paymentId, amount(), now);
    }

    UUID paymentId() {
        return paymentId;
    }

    UUID orderId() {
        return orderId;
    }

    Money amount() {
        return new Money(amount, currency);
    }

    PaymentStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String customerId() {
        return customerId;
    }
}
