package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The order is confirmed: tell the customer, with what they bought. */
@Component
class OrderConfirmedListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-confirmed";

    private final CustomerNotifications notifications;
    private final EventBatches batches;

    OrderConfirmedListener(CustomerNotifications notifications, EventBatches batches) {
        this.notifications = notifications;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_CONFIRMED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.each(records, OrderConfirmed.class, OrderNotice::confirmed, notifications::notify);
    }
}
