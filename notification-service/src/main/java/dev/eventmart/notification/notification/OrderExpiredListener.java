package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order expired: tell the customer nothing is charged. */
@Component
class OrderExpiredListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-expired";

    private final CustomerNotifications notifications;

    OrderExpiredListener(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_EXPIRED)
    void on(EventMessage<OrderExpired> message) {
        notifications.notify(OrderNotice.expired(message));
    }
}
