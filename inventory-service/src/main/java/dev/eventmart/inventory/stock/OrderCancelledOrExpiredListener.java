package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Orders ended without a sale, cancelled or expired: their reserved units go back on sale. Both compensate the
 * same way; each topic keeps its own listener and consumer group so one cannot hold the other back.
 */
@Component
class OrderCancelledOrExpiredListener {

    private final StockReservations reservations;
    private final EventBatches batches;

    OrderCancelledOrExpiredListener(StockReservations reservations, EventBatches batches) {
        this.reservations = reservations;
        this.batches = batches;
    }

    @KafkaListener(id = "inventory-service.order-cancelled", topics = Topics.ORDER_CANCELLED, batch = "true")
    void onCancelled(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderCancelled.class, reservations::release);
    }

    @KafkaListener(id = "inventory-service.order-expired", topics = Topics.ORDER_EXPIRED, batch = "true")
    void onExpired(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderExpired.class, reservations::release);
    }
}
