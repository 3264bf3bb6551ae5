package dev.eventmart.support.messaging;

import dev.eventmart.events.EventHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds Kafka records in CloudEvents binary content mode: attributes as {@code ce_*} headers, the JSON payload as
 * the value, the event subject as the key. The headers are exactly those the CloudEvents SDK's
 * {@code KafkaMessageFactory} writes, in its order and format (a test holds the two side by side), and every
 * consumer reads them with the SDK.
 *
 * <p>Written by hand rather than through the SDK's builder and writer because this runs once per activity event on
 * the ingestion path: the SDK builds a {@code CloudEvent} object, parses the source into a {@code URI}, converts the
 * time to an {@code OffsetDateTime} and encodes every attribute for every record, while the spec version, type,
 * source, content type and schema version of a record are the same for every event of its type. Those are encoded
 * once per type (the source checked as a URI then, as the SDK would), and only id, subject, time and correlation id
 * per record.
 */
public final class CloudEventRecords {

    private static final byte[] SPEC_VERSION = bytes(EventHeaders.CLOUDEVENTS_SPEC_VERSION);
    private static final byte[] JSON_CONTENT_TYPE = bytes(EventHeaders.JSON_CONTENT_TYPE);
    private static final ConcurrentMap<ConstantAttributes, EncodedAttributes> ENCODED = new ConcurrentHashMap<>();

    private CloudEventRecords() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, EventMetadata metadata, byte[] payload) {
        EncodedAttributes constant = ENCODED.computeIfAbsent(
                new ConstantAttributes(metadata.type(), metadata.source(), metadata.schemaVersion()),
                EncodedAttributes::of);
        Headers headers = new RecordHeaders();
        headers.add(EventHeaders.SPEC_VERSION, SPEC_VERSION);
        headers.add(EventHeaders.ID, bytes(metadata.id().toString()));
        headers.add(EventHeaders.SOURCE, constant.source());
        headers.add(EventHeaders.TYPE, constant.type());
        headers.add(EventHeaders.CONTENT_TYPE, JSON_CONTENT_TYPE);
        if (metadata.subject() != null) {
            headers.add(EventHeaders.SUBJECT, bytes(metadata.subject()));
        }
        headers.add(EventHeaders.TIME,
                bytes(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(metadata.time().atOffset(ZoneOffset.UTC))));
        if (metadata.correlationId() != null) {
            headers.add(EventHeaders.CORRELATION_ID, bytes(metadata.correlationId()));
        }
        headers.add(EventHeaders.SCHEMA_VERSION, constant.schemaVersion());
        return new ProducerRecord<>(topic, null, null, metadata.subject(), payload, headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private record ConstantAttributes(String type, String source, int schemaVersion) {
    }

    /** Shared by every record of a type: Kafka only reads header values, it never writes to them. */
    private record EncodedAttributes(byte[] type, byte[] source, byte[] schemaVersion) {

        static EncodedAttributes of(ConstantAttributes attributes) {
            // A source that is not a URI reference is refused as the SDK refused it (IllegalArgumentException).
            URI source = URI.create(attributes.source());
            return new EncodedAttributes(bytes(attributes.type()), bytes(source.toString()),
                    bytes(Integer.toString(attributes.schemaVersion())));
        }
    }
}
