package dev.eventmart.order.saga;

import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Inventory's answers to {@code OrderPlaced}: every line held, or the order cannot be served. */
@Component
class StockRepliesListener {

    private final OrderSaga saga;

    StockRepliesListener(OrderSaga saga) {
        this.saga = saga;
    }

    @KafkaListener(id = "order-service.stock-reserved", topics = Topics.STOCK_RESERVED)
    void onReserved(EventMessage<StockReserved> message) {
        saga.stockReserved(message);
    }

    @KafkaListener(id = "order-service.stock-rejected", topics = Topics.STOCK_REJECTED)
    void onRejected(EventMessage<StockRejected> message) {
        saga.stockRejected(message);
    }
}
