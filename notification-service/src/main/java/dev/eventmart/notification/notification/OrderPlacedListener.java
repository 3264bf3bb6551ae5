package dev.eventmart.notification.notification;

import dev.eventmart.events.Topics;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A customer placed an order: tell them we received it (unless its outcome overtook it). */
@Component
class OrderPlacedListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-placed";

    private final CustomerNotifications notifications;
    private final EventBatches batches;

    OrderPlacedListener(CustomerNotifications notifications, EventBatches batches) {
        this.notifications = notifications;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_PLACED, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.each(records, OrderPlaced.class, OrderNotice::received, notifications::notify);
    }
}
