package dev.eventmart.inventory.stock;

import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order saga's events inventory acts on: placed (reserve the stock), confirmed (the reservation becomes a
 * sale), cancelled or expired (the reserved units go back on sale). One consumer for the four topics: a poll's
 * events of every kind are applied in one transaction, set-based ({@link StockReservations#apply}), so a busy shop
 * pays that transaction (its lock statements, its inbox marks, its outbox insert) once per poll rather than once per
 * poll and topic, and the service keeps one fetch loop instead of four.
 */
@Component
class OrderEventsListener {

    /** Consumer group. */
    static final String ID = "inventory-service.order-events";

    private final StockReservations reservations;
    private final EventBatches batches;

    OrderEventsListener(StockReservations reservations, EventBatches batches) {
        this.reservations = reservations;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = { Topics.ORDER_PLACED, Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED,
            Topics.ORDER_EXPIRED }, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.applyAll(records, OrderScopedEvent.class, reservations::apply);
    }
}
