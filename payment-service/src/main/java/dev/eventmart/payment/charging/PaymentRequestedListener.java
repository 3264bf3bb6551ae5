package dev.eventmart.payment.charging;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga asks for payments: the gateway decides each (outside any transaction), then a poll's worth of
 * decisions is stored with their outcome events in one transaction.
 */
@Component
class PaymentRequestedListener {

    /** Consumer group and inbox handler name. */
    static final String ID = "payment-service.payment-requested";

    private final PaymentAuthorization authorization;
    private final EventBatches batches;

    PaymentRequestedListener(PaymentAuthorization authorization, EventBatches batches) {
        this.authorization = authorization;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = Topics.PAYMENT_REQUESTED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, PaymentRequested.class, authorization::decideAll,
                (messages, decisions) -> authorization.recordAll(messages, decisions, ID));
    }
}
