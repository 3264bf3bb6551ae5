package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;

/** A login, logout or failed login. */
public record UserAuthenticated(@Required String userId, String sessionId, @Required AuthAction action, String method,
        boolean success, String failureReason, ClientContext client, @Required Instant occurredAt)
        implements ActivityEvent {

    public UserAuthenticated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
