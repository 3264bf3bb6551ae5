package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** An order was paid and confirmed: its reserved units are sold. */
@Component
class OrderConfirmedListener {

    private final StockReservations reservations;

    OrderConfirmedListener(StockReservations reservations) {
        this.reservations = reservations;
    }

    @KafkaListener(id = "inventory-service.order-confirmed", topics = Topics.ORDER_CONFIRMED)
    void on(EventMessage<OrderConfirmed> message) {
        reservations.sell(message.metadata().id(), message.event().orderId());
    }
}
