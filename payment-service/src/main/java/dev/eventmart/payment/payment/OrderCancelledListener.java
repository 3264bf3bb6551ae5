package dev.eventmart.payment.payment;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An order was cancelled (out of stock, payment declined or by the customer): whatever it was charged goes back.
 * Payment-service does not listen to {@code OrderConfirmed}: a confirmed order keeps its authorization as it is.
 */
@Component
class OrderCancelledListener {

    /** Consumer group and inbox handler name. */
    static final String ID = "payment-service.order-cancelled";

    private final PaymentCompensation compensation;

    OrderCancelledListener(PaymentCompensation compensation) {
        this.compensation = compensation;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_CANCELLED)
    void on(EventMessage<OrderCancelled> message) {
        compensation.orderEnded(message.event().orderId(), OrderOutcome.CANCELLED, message.metadata(), ID);
    }
}
