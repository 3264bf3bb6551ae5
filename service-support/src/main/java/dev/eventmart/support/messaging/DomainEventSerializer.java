package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event record as its JSON payload. Only the dead-letter publisher needs it: it republishes a record
 * that was read but could not be processed, with the original CloudEvents headers.
 */
public class DomainEventSerializer implements Serializer<DomainEvent> {

    @Override
    public byte[] serialize(String topic, DomainEvent event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
