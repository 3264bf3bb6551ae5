package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;

/**
 * A received event with its envelope. Declare it as the parameter of a {@code @KafkaListener} method
 * ({@code void on(EventMessage<OrderPlaced> message)}) when the handler needs the event id (to record it in the
 * inbox) or the correlation id; declare the event type alone when it does not.
 */
public record EventMessage<T extends DomainEvent>(EventMetadata metadata, T event) {

    /**
     * The saga or request this event belongs to, to pass on with the events it causes: the correlation id it came
     * with or, for an event sent without one, the entity it is about (the order, for the saga's events).
     */
    public String correlationId() {
        return metadata.correlationId() != null ? metadata.correlationId() : event.subject();
    }
}
