package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.support.messaging.CloudEventDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Reads EventMart's CloudEvents records on the source topics. The topology only ever reads events (what it writes
 * are its own aggregates and deltas), so this serde has no serializer to offer.
 */
final class EventSerde {

    private EventSerde() {
    }

    static Serde<DomainEvent> create() {
        return Serdes.serdeFrom((topic, event) -> {
            throw new UnsupportedOperationException("the analytics topology never writes domain events");
        }, new CloudEventDeserializer());
    }
}
