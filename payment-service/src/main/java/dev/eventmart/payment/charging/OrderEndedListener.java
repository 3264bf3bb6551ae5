package dev.eventmart.payment.charging;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An order ended without a sale, cancelled (out of stock, payment declined or by the customer) or expired: whatever
 * it was charged goes back. One consumer for both topics, since both compensate the same way. Payment-service does
 * not listen to {@code OrderConfirmed}: a confirmed order keeps its authorization as it is.
 */
@Component
class OrderEndedListener {

    /** Consumer group. */
    static final String ID = "payment-service.order-ended";

    private final PaymentCompensation compensation;

    OrderEndedListener(PaymentCompensation compensation) {
        this.compensation = compensation;
    }

    @KafkaListener(id = ID, topics = { Topics.ORDER_CANCELLED, Topics.ORDER_EXPIRED })
    void on(EventMessage<OrderScopedEvent> message) {
        switch (message.event()) {
            case OrderCancelled cancelled -> compensation.orderEnded(OrderOutcome.CANCELLED, message, ID);
            case OrderExpired expired -> compensation.orderEnded(OrderOutcome.EXPIRED, message, ID);
            default -> throw new UnreadableEvent("payment-service takes cancelled and expired orders here, not "
                    + message.event().getClass().getSimpleName());
        }
    }
}
