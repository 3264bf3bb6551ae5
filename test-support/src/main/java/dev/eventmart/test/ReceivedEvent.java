package dev.eventmart.test;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.support.messaging.EventMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record read by an {@link EventProbe}: the raw record, and its envelope and event where readable. */
public record ReceivedEvent(ConsumerRecord<String, byte[]> record, EventMetadata metadata, DomainEvent event) {

    public String topic() {
        return record.topic();
    }

    public String key() {
        return record.key();
    }

    /** The last value of a header as UTF-8 text, or {@code null}. */
    public String header(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
