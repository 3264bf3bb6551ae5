package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Orders were confirmed (paid): their reservations become sales, a poll's worth in one transaction. */
@Component
class OrderConfirmedListener {

    private final StockReservations reservations;
    private final EventBatches batches;

    OrderConfirmedListener(StockReservations reservations, EventBatches batches) {
        this.reservations = reservations;
        this.batches = batches;
    }

    @KafkaListener(id = "inventory-service.order-confirmed", topics = Topics.ORDER_CONFIRMED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderConfirmed.class, reservations::sell);
    }
}
