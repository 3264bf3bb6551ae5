package dev.eventmart.order.saga;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventType;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.order.ordering.Order;
import dev.eventmart.order.ordering.OrderReason;
import dev.eventmart.order.ordering.SagaMetrics;
import dev.eventmart.order.ordering.OrderRows;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * (in id order, so concurrent batches and a customer's cancel queue instead of deadlocking), two write back what
 * moved ({@link OrderRows}, plain SQL) and one stores the next events in the outbox; the transitions themselves
 * are the {@link Order}'s, one reply after another in the order they came.
 */
@Service
class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderRows orders;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;
    private final SagaMetrics metrics;

    OrderSaga(OrderRows orders, ProcessedEvents processedEvents, Outbox outbox, Clock clock, SagaMetrics metrics) {
        this.orders = orders;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Applies a poll's replies, of any of the four kinds, in the order they came: each one not processed before
     * moves its order on if it still fits the order's state, and the events those transitions cause go to the
     * outbox. Every order of the poll is locked in one statement, in id order, before any reply is applied: one
     * global order for every lock this transaction takes, so two instances, a customer's cancel and the expiry job
     * queue instead of deadlocking.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(List<EventMessage<OrderScopedEvent>> messages) {
        List<OrderScopedEvent> replies = fresh(messages);
        if (replies.isEmpty()) {
            return;
        }
        OrderRows.Locked locked = orders.lockAll(replies.stream().map(OrderScopedEvent::orderId).distinct().toList());
        List<DomainEvent> next = new ArrayList<>(replies.size());
        for (OrderScopedEvent reply : replies) {
            Optional<Order> found = locked.find(reply.orderId());
            String kind = EventType.of(reply).type();
            if (found.isEmpty()) {
                log.warn("{} for unknown order {} ignored", kind, reply.orderId());
                continue;
            }
            Order order = found.get();
            transition(order, reply).ifPresentOrElse(event -> {
                next.add(event);
                metrics.moved(order);
            }, () -> log.info(
                    "{} for order {} ignored: the order is already {}", kind, reply.orderId(), order.status()));
        }
        orders.store(locked);
        outbox.addAll(next);
    }

    /** The event {@code reply} makes the order cause, or nothing if the reply no longer fits the order. */
    private Optional<? extends DomainEvent> transition(Order order, OrderScopedEvent reply) {
        Instant now = clock.instant();
        return switch (reply) {
            case StockReserved reserved -> order.markReserved(now);
            case StockRejected rejected -> order.cancel(OrderReason.OUT_OF_STOCK, "out of stock: "
                    + rejected.shortages().stream().map(OrderSaga::describe).collect(Collectors.joining(", ")), now);
            case PaymentAuthorized authorized -> order.confirm(authorized.paymentId(), now);
            case PaymentDeclined declined -> order.cancel(OrderReason.PAYMENT_DECLINED,
                    "payment declined: " + declined.reason(), now);
            default -> throw new UnreadableEvent("order-service takes stock and payment replies, not "
                    + reply.getClass().getSimpleName());
        };
    }

    /** The replies not processed before, in the order they came, marked processed in this transaction. */
    private List<OrderScopedEvent> fresh(List<EventMessage<OrderScopedEvent>> messages) {
        Set<UUID> fresh = processedEvents.markAllProcessed(
                messages.stream().map(message -> message.metadata().id()).toList(), SagaRepliesListener.ID);
        List<OrderScopedEvent> replies = new ArrayList<>(fresh.size());
        for (EventMessage<OrderScopedEvent> message : messages) {
            if (fresh.remove(message.metadata().id())) {
                replies.add(message.event());
            }
            else {
                log.debug("Ignoring redelivered {} {}", message.metadata().type(), message.metadata().id());
            }
        }
        return replies;
    }

    private static String describe(StockShortage shortage) {
        return shortage.productId() + " (asked " + shortage.requested() + ", available " + shortage.available() + ")";
    }
}
