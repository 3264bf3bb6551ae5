package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A customer placed an order: tell them we received it (unless its outcome overtook it). */
@Component
class OrderPlacedListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-placed";

    private final CustomerNotifications notifications;

    OrderPlacedListener(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_PLACED)
    void on(EventMessage<OrderPlaced> message) {
        notifications.notify(OrderNotice.received(message));
    }
}
