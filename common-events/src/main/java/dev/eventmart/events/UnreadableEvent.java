package dev.eventmart.events;

/**
 * A message that can never be turned into an event: unknown type or version, malformed JSON, or a payload
 * that breaks the record's rules. Redelivery cannot help; it belongs in the dead-letter topic.
 */
public class UnreadableEvent extends RuntimeException {

    public UnreadableEvent(String message) {
        super(message);
    }

    public UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
