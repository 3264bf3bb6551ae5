package dev.eventmart.order.saga;

import dev.eventmart.events.Topics;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Payment's answers to {@code PaymentRequested}. */
@Component
class PaymentRepliesListener {

    private final OrderSaga saga;

    PaymentRepliesListener(OrderSaga saga) {
        this.saga = saga;
    }

    @KafkaListener(id = "order-service.payment-authorized", topics = Topics.PAYMENT_AUTHORIZED)
    void onAuthorized(EventMessage<PaymentAuthorized> message) {
        saga.paymentAuthorized(message);
    }

    @KafkaListener(id = "order-service.payment-declined", topics = Topics.PAYMENT_DECLINED)
    void onDeclined(EventMessage<PaymentDeclined> message) {
        saga.paymentDeclined(message);
    }
}
