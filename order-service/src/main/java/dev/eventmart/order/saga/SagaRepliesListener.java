package dev.eventmart.order.saga;

import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Inventory's and payment's answers to the saga's requests. Each topic has its own consumer group, so a backlog of
 * one kind of reply never holds back another; each poll's worth of replies is applied in one transaction, set-based ({@link OrderSaga}).
 */
@Component
class SagaRepliesListener {

    private final OrderSaga saga;
    private final EventBatches batches;

    SagaRepliesListener(OrderSaga saga, EventBatches batches) {
        this.saga = saga;
        this.batches = batches;
    }

    /** Every line of the order is held. */
    @KafkaListener(id = "order-service.stock-reserved", topics = Topics.STOCK_RESERVED, batch = "true")
    void onStockReserved(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, StockReserved.class, saga::stockReserved);
    }

    /** The order cannot be served. */
    @KafkaListener(id = "order-service.stock-rejected", topics = Topics.STOCK_REJECTED, batch = "true")
    void onStockRejected(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, StockRejected.class, saga::stockRejected);
    }

    @KafkaListener(id = "order-service.payment-authorized", topics = Topics.PAYMENT_AUTHORIZED, batch = "true")
    void onPaymentAuthorized(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, PaymentAuthorized.class, saga::paymentAuthorized);
    }

    @KafkaListener(id = "order-service.payment-declined", topics = Topics.PAYMENT_DECLINED, batch = "true")
    void onPaymentDeclined(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, PaymentDeclined.class, saga::paymentDeclined);
    }
}
