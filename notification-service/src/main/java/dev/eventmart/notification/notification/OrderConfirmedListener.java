package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.support.messaging.EventMessage;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order is confirmed: tell the customer, with what they bought. */
@Component
class OrderConfirmedListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-confirmed";

    private final CustomerNotifications notifications;

    OrderConfirmedListener(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_CONFIRMED)
    void on(EventMessage<OrderConfirmed> message) {
        notifications.notify(OrderNotice.confirmed(message));
    }
}
