package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A customer placed an order: reserve its stock. */
@Component
class OrderPlacedListener {

    private final StockReservations reservations;

    OrderPlacedListener(StockReservations reservations) {
        this.reservations = reservations;
    }

    @KafkaListener(id = "inventory-service.order-placed", topics = Topics.ORDER_PLACED)
    void on(EventMessage<OrderPlaced> message) {
        reservations.reserve(message.metadata().id(), message.event());
    }
}
