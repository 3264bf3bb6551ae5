package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order expired: tell the customer nothing is charged. */
@Component
class OrderExpiredListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-expired";

    private final CustomerNotifications notifications;
    private final EventBatches batches;

    OrderExpiredListener(CustomerNotifications notifications, EventBatches batches) {
        this.notifications = notifications;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_EXPIRED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.each(records, OrderExpired.class, OrderNotice::expired, notifications::notify);
    }
}
