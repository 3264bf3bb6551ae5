package dev.eventmart.support.messaging;

import dev.eventmart.events.EventHeaders;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds Kafka records in CloudEvents binary content mode with the CloudEvents SDK: attributes as {@code ce_*}
 * headers, the JSON payload as the value, the event subject as the key.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, EventMetadata metadata, byte[] payload) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(metadata.id().toString())
                .withType(metadata.type())
                .withSource(URI.create(metadata.source()))
                .withTime(metadata.time().atOffset(ZoneOffset.UTC))
                .withExtension(EventHeaders.SCHEMA_VERSION_EXTENSION, metadata.schemaVersion())
                .withData(EventHeaders.JSON_CONTENT_TYPE, payload);
        if (metadata.subject() != null) {
            builder.withSubject(metadata.subject());
        }
        if (metadata.correlationId() != null) {
            builder.withExtension(EventHeaders.CORRELATION_ID_EXTENSION, metadata.correlationId());
        }
        CloudEvent event = builder.build();
        return KafkaMessageFactory.<String>createWriter(topic, metadata.subject()).writeBinary(event);
    }
}
