package dev.eventmart.order.saga;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.order.order.Order;
import dev.eventmart.order.order.OrderReason;
import dev.eventmart.order.order.Orders;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders along when inventory or payment answers, a poll's worth of replies at a time. Each reply is applied
 * at most once (the inbox) and only if it still fits the order's state: a reply for an order that has meanwhile been
 * cancelled or has expired is logged and ignored, because the compensation is already under way (inventory releases
 * and payment refunds on the cancellation or expiry event).
 *
 * <p>Set-based, like inventory's steps: one statement marks the batch's replies processed, one locks their orders
 * (in id order, so concurrent batches and a customer's cancel queue instead of deadlocking), Hibernate flushes the
 * changed orders and their status history in JDBC batches at commit, and the next events go to the outbox as one
 * batch; the transitions themselves are the {@link Order}'s, one reply after another in the order they came.
 */
@Service
class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final Orders orders;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    OrderSaga(Orders orders, ProcessedEvents processedEvents, Outbox outbox, Clock clock) {
        this.orders = orders;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void stockReserved(List<EventMessage<StockReserved>> messages) {
        apply(messages, "stock-reserved", (order, reply) -> order.markReserved(clock.instant())
                ? Optional.of(order.paymentRequested()) : Optional.empty());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void stockRejected(List<EventMessage<StockRejected>> messages) {
        apply(messages, "stock-rejected", (order, reply) -> order.cancel(OrderReason.OUT_OF_STOCK, clock.instant())
                ? Optional.of(order.cancelled("out of stock: " + reply.shortages().stream()
                        .map(OrderSaga::describe).collect(Collectors.joining(", "))))
                : Optional.empty());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void paymentAuthorized(List<EventMessage<PaymentAuthorized>> messages) {
        apply(messages, "payment-authorized", (order, reply) -> order.confirm(clock.instant())
                ? Optional.of(order.confirmed(reply.paymentId())) : Optional.empty());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void paymentDeclined(List<EventMessage<PaymentDeclined>> messages) {
        apply(messages, "payment-declined", (order, reply) -> order.cancel(OrderReason.PAYMENT_DECLINED, clock.instant())
                ? Optional.of(order.cancelled("payment declined: " + reply.reason())) : Optional.empty());
    }

    /**
     * Applies {@code transition} to the order of each reply not processed before; it answers the event the
     * transition causes, or nothing if the reply no longer fits the order.
     */
    private <T extends OrderScopedEvent> void apply(List<EventMessage<T>> messages, String handler,
            BiFunction<Order, T, Optional<? extends DomainEvent>> transition) {
        Set<UUID> fresh = processedEvents.markAllProcessed(
                messages.stream().map(message -> message.metadata().id()).toList(), "order-service." + handler);
        List<T> replies = new ArrayList<>(fresh.size());
        for (EventMessage<T> message : messages) {
            if (fresh.remove(message.metadata().id())) {
                replies.add(message.event());
            }
            else {
                log.debug("Ignoring redelivered {} {}", handler, message.metadata().id());
            }
        }
        if (replies.isEmpty()) {
            return;
        }
        Map<UUID, Order> locked = orders.findAllForUpdate(replies.stream().map(OrderScopedEvent::orderId).toList())
                .stream().collect(Collectors.toMap(Order::id, Function.identity()));
        List<DomainEvent> next = new ArrayList<>(replies.size());
        for (T reply : replies) {
            Order order = locked.get(reply.orderId());
            if (order == null) {
                log.warn("{} for unknown order {} ignored", handler, reply.orderId());
                continue;
            }
            transition.apply(order, reply).ifPresentOrElse(next::add, () -> log.info(
                    "{} for order {} ignored: the order is already {}", handler, reply.orderId(), order.status()));
        }
        outbox.addAll(next);
    }

    private static String describe(StockShortage shortage) {
        return shortage.productId() + " (asked " + shortage.requested() + ", available " + shortage.available() + ")";
    }
}
