package dev.eventmart.payment.charging;

import dev.eventmart.events.payment.PaymentRefunded;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.support.locking.OrderLocks;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compensates an order that ended without a sale (cancelled or expired): an authorized payment is refunded, so the
 * customer is charged nothing net; an order not paid yet is remembered, so its late request charges nothing. A
 * declined or already refunded payment needs nothing.
 */
@Service
class PaymentCompensation {

    private static final Logger log = LoggerFactory.getLogger(PaymentCompensation.class);

    private final Payments payments;
    private final CancelledOrders cancelledOrders;
    private final OrderLocks locks;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    PaymentCompensation(Payments payments, CancelledOrders cancelledOrders, OrderLocks locks,
            ProcessedEvents processedEvents, Outbox outbox, Clock clock) {
        this.payments = payments;
        this.cancelledOrders = cancelledOrders;
        this.locks = locks;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void orderEnded(OrderOutcome outcome, EventMessage<? extends OrderScopedEvent> message, String handler) {
        UUID orderId = message.event().orderId();
        if (!processedEvents.markProcessed(message.metadata().id(), handler)) {
            return;
        }
        locks.lock(orderId);
        Instant now = clock.instant();
        // Remembered even when a payment exists: cheap, and it keeps "this order ended" in one place.
        cancelledOrders.remember(orderId, outcome, now);
        Optional<Payment> payment = payments.findByOrderId(orderId);
        if (payment.isEmpty()) {
            log.info("Order {} {} before its payment request; a late request will charge nothing", orderId,
                    outcome);
        }
        else if (payment.get().isAuthorized()) {
            PaymentRefunded refunded = payment.get().refund(now);
            outbox.add(refunded, message.correlationId());
            log.info("Payment {} of order {} refunded: order {}", refunded.paymentId(), orderId, outcome);
        }
        else {
            log.debug("Order {} {}: payment {} is {}, nothing to refund", orderId, outcome,
                    payment.get().paymentId(), payment.get().status());
        }
    }
}
