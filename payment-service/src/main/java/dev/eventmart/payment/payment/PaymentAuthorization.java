package dev.eventmart.payment.payment;

import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.payment.gateway.GatewayDecision;
import dev.eventmart.payment.gateway.PaymentGateway;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorizes the payment the saga requests for an order: one payment per order, ever, and none for an order that
 * has already ended.
 *
 * <p>The gateway is asked outside any transaction, so a slow gateway holds neither a database connection nor the
 * order's lock. The decision is then recorded in one transaction with the inbox mark and the outgoing event, after
 * checking again under the order's lock: a cancellation or another request may have committed meanwhile, and then
 * the decision is dropped. That costs nothing at the simulated gateway; a real one would be told to void it, and
 * since the order id is the gateway's idempotency key, asking twice never charges twice.
 */
@Service
class PaymentAuthorization {

    private static final Logger log = LoggerFactory.getLogger(PaymentAuthorization.class);

    private final Payments payments;
    private final CancelledOrders cancelledOrders;
    private final OrderLocks locks;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final PaymentGateway gateway;
    private final Clock clock;

    PaymentAuthorization(Payments payments, CancelledOrders cancelledOrders, OrderLocks locks,
            ProcessedEvents processedEvents, Outbox outbox, PaymentGateway gateway, ObjectProvider<Clock> clock) {
        this.payments = payments;
        this.cancelledOrders = cancelledOrders;
        this.locks = locks;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.gateway = gateway;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Asks the gateway, outside any transaction (a slow gateway must not hold database locks), unless the order
     * evidently needs no payment: the empty answer spares the gateway a call on a redelivery. The check that counts
     * is the one under the lock in {@link #record}.
     */
    Optional<GatewayDecision> decide(EventMessage<PaymentRequested> message) {
        PaymentRequested request = message.event();
        Optional<String> nothingToDo = nothingToDo(request.orderId());
        if (nothingToDo.isPresent()) {
            log.info("Payment request {} for order {} ignored: {}", message.metadata().id(), request.orderId(),
                    nothingToDo.get());
            return Optional.empty();
        }
        return Optional.of(gateway.authorize(request.orderId(), request.paymentToken(), request.amount()));
    }

    /** Stores the payment the gateway decided and its outcome event, once per order and request. */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(EventMessage<PaymentRequested> message, String handler, Optional<GatewayDecision> decided) {
        if (decided.isEmpty()) {
            return;
        }
        GatewayDecision decision = decided.get();
        PaymentRequested request = message.event();
        if (!processedEvents.markProcessed(message.metadata().id(), handler)) {
            return;
        }
        locks.lock(request.orderId());
        Optional<String> nothingToDo = nothingToDo(request.orderId());
        if (nothingToDo.isPresent()) {
            log.info("Payment request {} for order {} ignored, gateway decision {} dropped: {}",
                    message.metadata().id(), request.orderId(), decision, nothingToDo.get());
            return;
        }
        Payment payment = payments.save(Payment.decided(request.orderId(), request.amount(), decision, now()));
        outbox.add(payment.outcome(), correlationId(message));
        log.info("Payment {} of order {}: {}{}", payment.paymentId(), request.orderId(), payment.status(),
                payment.reason() == null ? "" : " (" + payment.reason() + ")");
    }

    private Optional<String> nothingToDo(UUID orderId) {
        return cancelledOrders.whyNoPaymentIsNeeded(orderId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The saga's correlation id travels on with the reply; the order id stands in if the request had none. */
    private static String correlationId(EventMessage<PaymentRequested> message) {
        String correlationId = message.metadata().correlationId();
        return correlationId != null ? correlationId : message.event().orderId().toString();
    }
}
