package dev.eventmart.payment.payment;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** An order got no reply within its timeout: compensated like a cancellation. */
@Component
class OrderExpiredListener {

    /** Consumer group and inbox handler name. */
    static final String ID = "payment-service.order-expired";

    private final PaymentCompensation compensation;

    OrderExpiredListener(PaymentCompensation compensation) {
        this.compensation = compensation;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_EXPIRED)
    void on(EventMessage<OrderExpired> message) {
        compensation.orderEnded(message.event().orderId(), OrderOutcome.EXPIRED, message.metadata(), ID);
    }
}
