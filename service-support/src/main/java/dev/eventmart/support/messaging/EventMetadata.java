package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.EventType;
import dev.eventmart.events.UnreadableEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * The envelope of an event: its CloudEvents attributes. Travels in Kafka headers beside the JSON payload.
 *
 * @param id            unique per event; consumers record it to ignore redeliveries
 * @param type          CloudEvents type, see {@link EventType#type()}
 * @param schemaVersion payload schema version of {@code type}
 * @param source        the producing service
 * @param time          when the fact happened (UTC)
 * @param subject       the entity the event is about, also the record key
 * @param correlationId the saga (order id) or request the event belongs to
 */
public record EventMetadata(UUID id, String type, int schemaVersion, String source, Instant time, String subject,
        String correlationId) {

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    /**
     * The envelope of a new event, with a fresh id. {@code now} comes from the services' clock, which ticks in
     * microseconds (what PostgreSQL stores), so an envelope reads back the same whether it went through the outbox
     * or straight to Kafka.
     */
    public static EventMetadata forNewEvent(DomainEvent event, String source, String correlationId, Instant now) {
        return forNewEvent(event, UUID.randomUUID(), source, correlationId, now);
    }

    /** The envelope of a new event with the given id. */
    public static EventMetadata forNewEvent(DomainEvent event, UUID id, String source, String correlationId,
            Instant now) {
        EventType eventType = EventType.of(event);
        return new EventMetadata(id, eventType.type(), eventType.version(), source, now, event.subject(),
                correlationId);
    }

    /** Reads the envelope of a received message; a message without valid CloudEvents headers is unreadable. */
    public static EventMetadata from(Headers headers) {
        return from(read(headers, null));
    }

    static EventMetadata from(CloudEvent event) {
        try {
            return new EventMetadata(UUID.fromString(event.getId()), event.getType(),
                    schemaVersion(event), event.getSource().toString(),
                    event.getTime() == null ? null : event.getTime().toInstant(), event.getSubject(),
                    extension(event, EventHeaders.CORRELATION_ID_EXTENSION));
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new UnreadableEvent("invalid event envelope: " + ex.getMessage(), ex);
        }
    }

    static CloudEvent read(Headers headers, byte[] payload) {
        try {
            return KafkaMessageFactory.createReader(headers, payload).toEvent();
        }
        catch (CloudEventRWException | IllegalStateException ex) {
            throw new UnreadableEvent("not a CloudEvents message: " + ex.getMessage(), ex);
        }
    }

    private static int schemaVersion(CloudEvent event) {
        String version = extension(event, EventHeaders.SCHEMA_VERSION_EXTENSION);
        return version == null ? 1 : Integer.parseInt(version);
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
