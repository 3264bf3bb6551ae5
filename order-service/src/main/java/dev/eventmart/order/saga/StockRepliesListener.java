package dev.eventmart.order.saga;

import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Inventory's answers to {@code OrderPlaced}: every line held, or the order cannot be served. */
@Component
class StockRepliesListener {

    private final OrderSaga saga;
    private final EventBatches batches;

    StockRepliesListener(OrderSaga saga, EventBatches batches) {
        this.saga = saga;
        this.batches = batches;
    }

    @KafkaListener(id = "order-service.stock-reserved", topics = Topics.STOCK_RESERVED, batch = "true")
    void onReserved(List<ConsumerRecord<String, byte[]>> records) {
        batches.apply(records, StockReserved.class, saga::stockReserved);
    }

    @KafkaListener(id = "order-service.stock-rejected", topics = Topics.STOCK_REJECTED, batch = "true")
    void onRejected(List<ConsumerRecord<String, byte[]>> records) {
        batches.apply(records, StockRejected.class, saga::stockRejected);
    }
}
