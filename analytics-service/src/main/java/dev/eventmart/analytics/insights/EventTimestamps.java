package dev.eventmart.analytics.insights;

import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderPlaced;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for windows and stream time: when the activity happened or the order changed, as the event says, not
 * when the record reached Kafka. A record that carries no time falls back to its record timestamp, then to the
 * partition's stream time, so it is never dropped for a missing timestamp.
 */
class EventTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant occurred = switch (record.value()) {
            case ActivityEvent activity -> activity.occurredAt();
            case OrderPlaced placed -> placed.placedAt();
            case OrderConfirmed confirmed -> confirmed.confirmedAt();
            case OrderCancelled cancelled -> cancelled.cancelledAt();
            case OrderExpired expired -> expired.expiredAt();
            case null, default -> null;
        };
        if (occurred != null) {
            return occurred.toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
