package dev.eventmart.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns event records into the JSON payload of a message and back. Every producer and consumer (Spring Kafka
 * listeners, Kafka Streams serdes, tests) uses this one codec so the wire format is defined in one place:
 * camelCase fields, ISO-8601 instants, {@link BigDecimal} as a decimal string, unknown fields ignored (changes
 * are additive).
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .withConfigOverride(BigDecimal.class,
                    override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventCodec() {
    }

    public static byte[] encode(DomainEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T extends DomainEvent> T decode(Class<T> payloadType, byte[] json) {
        if (json == null || json.length == 0) {
            throw new UnreadableEvent("empty payload for " + payloadType.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, payloadType);
        }
        catch (JacksonException ex) {
            throw new UnreadableEvent("cannot read " + payloadType.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Reads a payload by its CloudEvents type and schema version, as found in the message headers. */
    public static DomainEvent decode(String type, int version, byte[] json) {
        EventType eventType = EventType.find(type, version)
                .orElseThrow(() -> new UnreadableEvent("unknown event type " + type + " version " + version));
        return decode(eventType.payloadType(), json);
    }
}
