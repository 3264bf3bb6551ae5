package dev.eventmart.notification.notifying;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the customer is to be told about an order, taken from the order event that calls for it.
 *
 * @param reason        why the order was cancelled; {@code null} for the other types
 * @param detail        what order-service added to the reason (a decline code, say); may be {@code null}
 * @param correlationId carried on to the {@code EmailSent} event
 */
record OrderNotice(UUID orderId, String customerId, String recipient, NotificationType type, List<OrderLine> lines,
        Money total, CancellationReason reason, String detail, Instant occurredAt, String correlationId) {

    OrderNotice {
        // order-service always sends both; an event without them breaks the contract and can never be delivered.
        if (customerId == null || customerId.isBlank()) {
            throw new UnreadableEvent(type + " of order " + orderId + " has no customer id");
        }
        if (recipient == null || recipient.isBlank()) {
            throw new UnreadableEvent(type + " of order " + orderId + " has no customer email: nobody to notify");
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * The notice an order event calls for, whichever of the four it is; any other event on these topics breaks the
     * contract and can never be delivered.
     */
    static OrderNotice of(EventMessage<DomainEvent> message) {
        return switch (message.event()) {
            case OrderPlaced placed -> received(new EventMessage<>(message.metadata(), placed));
            case OrderConfirmed confirmed -> confirmed(new EventMessage<>(message.metadata(), confirmed));
            case OrderCancelled cancelled -> cancelled(new EventMessage<>(message.metadata(), cancelled));
            case OrderExpired expired -> expired(new EventMessage<>(message.metadata(), expired));
            default -> throw new UnreadableEvent("notification-service tells customers about placed, confirmed, "
                    + "cancelled and expired orders, not about " + message.event().getClass().getSimpleName());
        };
    }

    static OrderNotice received(EventMessage<OrderPlaced> message) {
        OrderPlaced order = message.event();
        return new OrderNotice(order.orderId(), order.customerId(), order.customerEmail(),
                NotificationType.ORDER_RECEIVED, order.lines(), order.total(), null, null, order.placedAt(),
                message.correlationId());
    }

    static OrderNotice confirmed(EventMessage<OrderConfirmed> message) {
        OrderConfirmed order = message.event();
        return new OrderNotice(order.orderId(), order.customerId(), order.customerEmail(),
                NotificationType.ORDER_CONFIRMED, order.lines(), order.total(), null, null, order.confirmedAt(),
                message.correlationId());
    }

    static OrderNotice cancelled(EventMessage<OrderCancelled> message) {
        OrderCancelled order = message.event();
        return new OrderNotice(order.orderId(), order.customerId(), order.customerEmail(),
                NotificationType.ORDER_CANCELLED, order.lines(), order.total(), order.reason(), order.detail(),
                order.cancelledAt(), message.correlationId());
    }

    static OrderNotice expired(EventMessage<OrderExpired> message) {
        OrderExpired order = message.event();
        return new OrderNotice(order.orderId(), order.customerId(), order.customerEmail(),
                NotificationType.ORDER_EXPIRED, order.lines(), order.total(), null, null, order.expiredAt(),
                message.correlationId());
    }
}
