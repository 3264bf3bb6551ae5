package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order was cancelled: tell the customer why. */
@Component
class OrderCancelledListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-cancelled";

    private final CustomerNotifications notifications;
    private final EventBatches batches;

    OrderCancelledListener(CustomerNotifications notifications, EventBatches batches) {
        this.notifications = notifications;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_CANCELLED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.each(records, OrderCancelled.class, OrderNotice::cancelled, notifications::notify);
    }
}
