package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.UnreadableEvent;
import io.cloudevents.CloudEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a CloudEvents binary-mode record into its event record, choosing the type from the {@code ce_type} and
 * {@code ce_schemaversion} headers. Anything it cannot read throws {@link UnreadableEvent}. Listeners decode
 * through {@link CloudEventMessageConverter}; this class also serves plain Kafka clients and Kafka Streams serdes.
 */
public class CloudEventDeserializer implements Deserializer<DomainEvent> {

    @Override
    public DomainEvent deserialize(String topic, byte[] data) {
        throw new UnreadableEvent("record on " + topic + " has no CloudEvents headers");
    }

    @Override
    public DomainEvent deserialize(String topic, Headers headers, byte[] data) {
        EventMessage<DomainEvent> message = read(headers, data);
        return message == null ? null : message.event();
    }

    /**
     * The event with its envelope, the headers read once (a listener wants both; reading the envelope again from
     * the headers cost as much as decoding the event). {@code null} for a record without a value (a tombstone).
     */
    public EventMessage<DomainEvent> read(Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        CloudEvent event = EventMetadata.read(headers, data);
        EventMetadata metadata = EventMetadata.from(event);
        byte[] payload = event.getData() == null ? null : event.getData().toBytes();
        return new EventMessage<>(metadata, EventCodec.decode(metadata.type(), metadata.schemaVersion(), payload));
    }
}
