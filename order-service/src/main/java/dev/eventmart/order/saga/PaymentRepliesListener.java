package dev.eventmart.order.saga;

import dev.eventmart.events.Topics;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Payment's answers to {@code PaymentRequested}. */
@Component
class PaymentRepliesListener {

    private final OrderSaga saga;
    private final EventBatches batches;

    PaymentRepliesListener(OrderSaga saga, EventBatches batches) {
        this.saga = saga;
        this.batches = batches;
    }

    @KafkaListener(id = "order-service.payment-authorized", topics = Topics.PAYMENT_AUTHORIZED, batch = "true")
    void onAuthorized(List<ConsumerRecord<String, byte[]>> records) {
        batches.apply(records, PaymentAuthorized.class, saga::paymentAuthorized);
    }

    @KafkaListener(id = "order-service.payment-declined", topics = Topics.PAYMENT_DECLINED, batch = "true")
    void onDeclined(List<ConsumerRecord<String, byte[]>> records) {
        batches.apply(records, PaymentDeclined.class, saga::paymentDeclined);
    }
}
