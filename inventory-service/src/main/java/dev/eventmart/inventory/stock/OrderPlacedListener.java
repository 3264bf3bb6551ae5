package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Customers placed orders: reserve their stock, a poll's worth in one transaction. */
@Component
class OrderPlacedListener {

    private final StockReservations reservations;
    private final EventBatches batches;

    OrderPlacedListener(StockReservations reservations, EventBatches batches) {
        this.reservations = reservations;
        this.batches = batches;
    }

    @KafkaListener(id = "inventory-service.order-placed", topics = Topics.ORDER_PLACED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderPlaced.class, reservations::reserve);
    }
}
