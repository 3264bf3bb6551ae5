package dev.eventmart.payment.charging;

import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.payment.gateway.GatewayDecision;
import dev.eventmart.payment.gateway.PaymentGateway;
import dev.eventmart.support.locking.OrderLocks;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final PaymentRows paymentRows;
    private final CancelledOrders cancelledOrders;
    private final OrderLocks locks;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final PaymentGateway gateway;
    private final Clock clock;

    PaymentAuthorization(PaymentRows paymentRows, CancelledOrders cancelledOrders, OrderLocks locks,
            ProcessedEvents processedEvents, Outbox outbox, PaymentGateway gateway, Clock clock) {
        this.paymentRows = paymentRows;
        this.cancelledOrders = cancelledOrders;
        this.locks = locks;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Asks the gateway about each request, outside any transaction (a slow gateway must not hold database locks),
     * unless the order evidently needs no payment: the empty answer spares the gateway a call on a redelivery. One
     * query tells for the whole batch; the check that counts is the one under the locks in {@link #recordAll}.
     */
    List<Optional<GatewayDecision>> decideAll(List<EventMessage<PaymentRequested>> messages) {
        Map<UUID, String> nothingToDo = cancelledOrders.whyNoPaymentIsNeeded(orderIds(messages));
        List<Optional<GatewayDecision>> decisions = new ArrayList<>(messages.size());
        for (EventMessage<PaymentRequested> message : messages) {
            PaymentRequested request = message.event();
            String why = nothingToDo.get(request.orderId());
            if (why != null) {
                log.info("Payment request {} for order {} ignored: {}", message.metadata().id(), request.orderId(), why);
                decisions.add(Optional.empty());
            }
            else {
                decisions.add(Optional.of(gateway.authorize(request.orderId(), request.paymentToken(),
                        request.amount())));
            }
        }
        return decisions;
    }

    /**
     * Stores the payments the gateway decided and their outcome events, once per order and request, for a batch in
     * one transaction: the orders' locks, the inbox marks and the re-check in one statement each, the payments and
     * the events in one statement each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordAll(List<EventMessage<PaymentRequested>> messages, List<Optional<GatewayDecision>> decisions,
            String handler) {
        List<EventMessage<PaymentRequested>> decided = new ArrayList<>();
        List<GatewayDecision> decisionOf = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (decisions.get(i).isPresent()) {
                decided.add(messages.get(i));
                decisionOf.add(decisions.get(i).get());
            }
        }
        if (decided.isEmpty()) {
            return;
        }
        locks.lockAll(orderIds(decided));
        Set<UUID> fresh = processedEvents.markAllProcessed(
                decided.stream().map(message -> message.metadata().id()).toList(), handler);
        Map<UUID, String> nothingToDo = cancelledOrders.whyNoPaymentIsNeeded(orderIds(decided));
        List<Payment> stored = new ArrayList<>();
        Map<String, String> correlationIds = new HashMap<>();
        for (int i = 0; i < decided.size(); i++) {
            EventMessage<PaymentRequested> message = decided.get(i);
            PaymentRequested request = message.event();
            if (!fresh.remove(message.metadata().id())) {
                continue;
            }
            String why = nothingToDo.get(request.orderId());
            if (why != null) {
                log.info("Payment request {} for order {} ignored, gateway decision {} dropped: {}",
                        message.metadata().id(), request.orderId(), decisionOf.get(i), why);
                continue;
            }
            Payment payment = Payment.decided(request.orderId(), request.customerId(), request.amount(), decisionOf.get(i), now());
            stored.add(payment);
            // A second request for this order later in the batch finds it paid, as it would in the next batch.
            nothingToDo.put(request.orderId(), "the order already has its payment");
            correlationIds.put(request.orderId().toString(), message.correlationId());
            log.debug("Payment {} of order {}: {}{}", payment.paymentId(), request.orderId(), payment.status(),
                    payment.reason() == null ? "" : " (" + payment.reason() + ")");
        }
        paymentRows.insertAll(stored);
        outbox.addAll(stored.stream().map(Payment::outcome).toList(),
                outcome -> correlationIds.get(outcome.subject()));
    }

    private static List<UUID> orderIds(List<EventMessage<PaymentRequested>> messages) {
        return messages.stream().map(message -> message.event().orderId()).toList();
    }

    private Instant now() {
        return clock.instant();
    }
}
