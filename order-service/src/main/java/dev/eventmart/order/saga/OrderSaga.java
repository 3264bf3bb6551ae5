package dev.eventmart.order.saga;

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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves an order along when inventory or payment answers. Each reply is applied at most once (the inbox) and only
 * if it still fits the order's state: a reply for an order that has meanwhile been cancelled or has expired is
 * logged and ignored, because the compensation is already under way (inventory releases and payment refunds on
 * the cancellation or expiry event).
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

    @Transactional
    void stockReserved(EventMessage<StockReserved> message) {
        apply(message, "stock-reserved", message.event().orderId(), order -> {
            if (!order.markReserved(clock.instant())) {
                return false;
            }
            outbox.add(order.paymentRequested());
            return true;
        });
    }

    @Transactional
    void stockRejected(EventMessage<StockRejected> message) {
        apply(message, "stock-rejected", message.event().orderId(), order -> {
            if (!order.cancel(OrderReason.OUT_OF_STOCK, clock.instant())) {
                return false;
            }
            outbox.add(order.cancelled("out of stock: " + message.event().shortages().stream()
                    .map(OrderSaga::describe).collect(Collectors.joining(", "))));
            return true;
        });
    }

    @Transactional
    void paymentAuthorized(EventMessage<PaymentAuthorized> message) {
        apply(message, "payment-authorized", message.event().orderId(), order -> {
            if (!order.confirm(clock.instant())) {
                return false;
            }
            outbox.add(order.confirmed(message.event().paymentId()));
            return true;
        });
    }

    @Transactional
    void paymentDeclined(EventMessage<PaymentDeclined> message) {
        apply(message, "payment-declined", message.event().orderId(), order -> {
            if (!order.cancel(OrderReason.PAYMENT_DECLINED, clock.instant())) {
                return false;
            }
            outbox.add(order.cancelled("payment declined: " + message.event().reason()));
            return true;
        });
    }

    private void apply(EventMessage<?> message, String handler, UUID orderId, Predicate<Order> transition) {
        if (!processedEvents.markProcessed(message.metadata().id(), "order-service." + handler)) {
            log.debug("Ignoring redelivered {} {}", handler, message.metadata().id());
            return;
        }
        Optional<Order> order = orders.findForUpdate(orderId);
        if (order.isEmpty()) {
            log.warn("{} for unknown order {} ignored", handler, orderId);
            return;
        }
        if (!transition.test(order.get())) {
            log.info("{} for order {} ignored: the order is already {}", handler, orderId, order.get().status());
        }
    }

    private static String describe(StockShortage shortage) {
        return shortage.productId() + " (asked " + shortage.requested() + ", available " + shortage.available() + ")";
    }
}
