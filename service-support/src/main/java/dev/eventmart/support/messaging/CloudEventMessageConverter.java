package dev.eventmart.support.messaging;

import java.lang.reflect.Type;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.converter.MessagingMessageConverter;

/**
 * Turns a received CloudEvents record into the event record a {@code @KafkaListener} method asks for. Consumers
 * read plain bytes and decode here, in the listener, rather than in a Kafka deserializer: the record keeps its
 * original bytes, so whatever fails (decoding or the handler) goes to the dead-letter topic exactly as it was
 * received, unknown fields included. A record that cannot be decoded throws
 * {@link dev.eventmart.events.UnreadableEvent}, which is never retried.
 */
public class CloudEventMessageConverter extends MessagingMessageConverter {

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    @Override
    protected Object extractAndConvertValue(ConsumerRecord<?, ?> record, Type type) {
        if (record.value() instanceof byte[] bytes) {
            return deserializer.deserialize(record.topic(), record.headers(), bytes);
        }
        return super.extractAndConvertValue(record, type);
    }
}
