package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventmart.events.EventHeaders;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written CloudEvents records against the SDK's own, attribute for attribute. */
class CloudEventRecordsTests {

    static List<EventMetadata> envelopes() {
        UUID id = UUID.fromString("0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
        return List.of(
                new EventMetadata(id, "dev.eventmart.analytics.activity.tracked", 1, "analytics-service",
                        Instant.parse("2026-12-07T23:50:01.123456Z"), "ada", null),
                new EventMetadata(id, "dev.eventmart.order.placed", 2, "order-service",
                        Instant.parse("2026-12-07T23:50:01Z"), "4f1c", "4f1c"),
                new EventMetadata(id, "dev.eventmart.order.placed", 1, "order-service",
                        Instant.parse("2026-12-07T23:50:01.100Z"), null, "saga-7"),
                new EventMetadata(id, "dev.eventmart.catalog", 1, "urn:eventmart:inventory",
                        Instant.parse("2026-12-07T23:50:01.000000001Z"), "P-ü", null));
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void writesTheHeadersKeyAndValueTheCloudEventsSdkWrites(EventMetadata metadata) {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        ProducerRecord<String, byte[]> ours = CloudEventRecords.toRecord("some.topic", metadata, payload);
        ProducerRecord<String, byte[]> sdks = sdkRecord("some.topic", metadata, payload);

        assertThat(ours.topic()).isEqualTo(sdks.topic());
        assertThat(ours.key()).isEqualTo(sdks.key());
        assertThat(ours.partition()).isEqualTo(sdks.partition());
        assertThat(ours.timestamp()).isEqualTo(sdks.timestamp());
        assertThat(ours.value()).isEqualTo(sdks.value());
        assertThat(headers(ours)).containsExactlyElementsOf(headers(sdks));
        assertThat(EventMetadata.from(ours.headers())).isEqualTo(metadata);
    }

    @Test
    void refusesASourceThatIsNotAUriAsTheSdkDoes() {
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), "t", 1, "not a uri", Instant.now(), "k", null);

        assertThatIllegalArgumentException().isThrownBy(() -> CloudEventRecords.toRecord("t", metadata, new byte[0]));
    }

    /** What the record was before it was written by hand, through the SDK's builder and Kafka writer. */
    private static ProducerRecord<String, byte[]> sdkRecord(String topic, EventMetadata metadata, byte[] payload) {
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
        return KafkaMessageFactory.<String>createWriter(topic, metadata.subject()).writeBinary(builder.build());
    }

    private static List<String> headers(ProducerRecord<String, byte[]> record) {
        return Arrays.stream(record.headers().toArray())
                .map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
