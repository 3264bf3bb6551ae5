package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order was cancelled: tell the customer why. */
@Component
class OrderCancelledListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-cancelled";

    private final CustomerNotifications notifications;

    OrderCancelledListener(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_CANCELLED)
    void on(EventMessage<OrderCancelled> message) {
        notifications.notify(OrderNotice.cancelled(message));
    }
}
