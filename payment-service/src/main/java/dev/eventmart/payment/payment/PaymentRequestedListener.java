package dev.eventmart.payment.payment;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The saga asks for the order total to be authorized. */
@Component
class PaymentRequestedListener {

    /** Consumer group and inbox handler name. */
    static final String ID = "payment-service.payment-requested";

    private final PaymentAuthorization authorization;

    PaymentRequestedListener(PaymentAuthorization authorization) {
        this.authorization = authorization;
    }

    @KafkaListener(id = ID, topics = Topics.PAYMENT_REQUESTED)
    void on(EventMessage<PaymentRequested> message) {
        authorization.authorize(message, ID);
    }
}
