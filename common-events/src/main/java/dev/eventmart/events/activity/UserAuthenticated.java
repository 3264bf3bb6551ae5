package dev.eventmart.events.activity;

import java.time.Instant;
import java.util.Objects;

/** A login, logout or failed login. */
public record UserAuthenticated(String userId, String sessionId, AuthAction action, String method, boolean success,
        String failureReason, ClientContext client, Instant occurredAt) implements ActivityEvent {

    public UserAuthenticated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
