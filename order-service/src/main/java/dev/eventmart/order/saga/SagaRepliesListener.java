package dev.eventmart.order.saga;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Inventory's and payment's answers to the saga's requests: every line held or some short, the payment authorized or
 * declined. One consumer for the four topics: a poll's replies of every kind are applied in one transaction,
 * set-based ({@link OrderSaga#apply}), so a busy shop pays that transaction (and its inbox mark, its lock statement,
 * its outbox insert) once per poll rather than once per poll and topic, and the service keeps one fetch loop instead
 * of four. Per order the replies still come in their topics' order; across topics they never had one, and each
 * reply is applied only if it still fits the order's state.
 */
@Component
class SagaRepliesListener {

    /** Consumer group. */
    static final String ID = "order-service.saga-replies";

    private final OrderSaga saga;
    private final EventBatches batches;

    SagaRepliesListener(OrderSaga saga, EventBatches batches) {
        this.saga = saga;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = { Topics.STOCK_RESERVED, Topics.STOCK_REJECTED, Topics.PAYMENT_AUTHORIZED,
            Topics.PAYMENT_DECLINED }, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderScopedEvent.class, saga::apply);
    }
}
