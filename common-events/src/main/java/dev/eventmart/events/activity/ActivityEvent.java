package dev.eventmart.events.activity;

import dev.eventmart.events.DomainEvent;
import java.time.Instant;

/** Something a user did on the storefront. All activity shares one topic, keyed by user id. */
public interface ActivityEvent extends DomainEvent {

    String userId();

    String sessionId();

    /** Server time at ingestion. */
    Instant occurredAt();

    ClientContext client();

    @Override
    default String subject() {
        return userId();
    }
}
