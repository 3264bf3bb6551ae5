package dev.eventmart.inventory.stock;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An order ended without a sale, cancelled or expired: its reserved units go back on sale. Both compensate the
 * same way; each topic keeps its own listener and consumer group so one cannot hold the other back.
 */
@Component
class OrderCancelledOrExpiredListener {

    private final StockReservations reservations;

    OrderCancelledOrExpiredListener(StockReservations reservations) {
        this.reservations = reservations;
    }

    @KafkaListener(id = "inventory-service.order-cancelled", topics = Topics.ORDER_CANCELLED)
    void onCancelled(EventMessage<OrderCancelled> message) {
        reservations.release(message.metadata().id(), message.event().orderId());
    }

    @KafkaListener(id = "inventory-service.order-expired", topics = Topics.ORDER_EXPIRED)
    void onExpired(EventMessage<OrderExpired> message) {
        reservations.release(message.metadata().id(), message.event().orderId());
    }
}
