package dev.eventmart.events;

/**
 * A business fact one service tells the others about. Every event record implements this so the
 * messaging layer can key it without knowing its type.
 */
public interface DomainEvent {

    /**
     * The id of the entity this event is about (order, product or user). It is the Kafka record key, so all
     * events of one entity land on one partition in order, and the CloudEvents {@code subject}.
     */
    String subject();
}
