package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.UnreadableEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.support.converter.MessagingMessageConverter;

/**
 * Turns a received CloudEvents record into what a {@code @KafkaListener} method asks for: the event record, or
 * an {@link EventMessage} with its envelope. Consumers read plain bytes and decode here, in the listener, rather
 * than in a Kafka deserializer: the record keeps its original bytes, so whatever fails (decoding or the handler)
 * goes to the dead-letter topic exactly as it was received, unknown fields included. A record that cannot be
 * decoded, or is not of the type the method expects, throws {@link UnreadableEvent}, which is never retried.
 */
public class CloudEventMessageConverter extends MessagingMessageConverter {

    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    @Override
    protected Object extractAndConvertValue(ConsumerRecord<?, ?> record, Type type) {
        if (!(record.value() instanceof byte[] bytes)) {
            return super.extractAndConvertValue(record, type);
        }
        EventMessage<DomainEvent> message = deserializer.read(record.headers(), bytes);
        DomainEvent event = message.event();
        ResolvableType expected = ResolvableType.forType(type);
        if (EventMessage.class.equals(expected.resolve())) {
            requireType(expected.getGeneric(0), event, record);
            return message;
        }
        if (type instanceof Class<?> || type instanceof ParameterizedType) {
            requireType(expected, event, record);
        }
        return event;
    }

    private static void requireType(ResolvableType expected, DomainEvent event, ConsumerRecord<?, ?> record) {
        Class<?> expectedClass = expected.resolve(Object.class);
        if (event != null && !expectedClass.isInstance(event)) {
            throw new UnreadableEvent("listener on " + record.topic() + " expects " + expectedClass.getSimpleName()
                    + " but the record holds " + event.getClass().getSimpleName());
        }
    }
}
