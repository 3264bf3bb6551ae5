package dev.eventmart.notification.notifying;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.support.messaging.EventBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An order was placed, confirmed, cancelled or expired: tell the customer ({@link OrderNotice#of}).
 *
 * <p>One consumer for the four topics rather than one each: every one of these events becomes the same thing, a
 * notice, and {@link CustomerNotifications} handles a poll's notices of any kind together (one transaction to claim
 * them, one to mark them sent). A poll then carries the placements and the outcomes that arrived meanwhile, so a
 * busy shop pays those two transactions once per poll rather than once per poll and topic, and the service keeps one
 * fetch loop instead of four. Per order the events still come in their topics' order; across topics they never had
 * one (the outcome may overtake the placement, which {@link CustomerNotifications} allows for).
 */
@Component
class OrderEventsListener {

    /** Consumer group. */
    static final String ID = "notification-service.order-events";

    private final CustomerNotifications notifications;
    private final EventBatches batches;

    OrderEventsListener(CustomerNotifications notifications, EventBatches batches) {
        this.notifications = notifications;
        this.batches = batches;
    }

    @KafkaListener(id = ID, topics = { Topics.ORDER_PLACED, Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED,
            Topics.ORDER_EXPIRED }, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        batches.each(records, DomainEvent.class, OrderNotice::of, notifications::notify);
    }
}
