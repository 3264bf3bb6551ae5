package dev.eventmart.events.activity;

import java.time.Instant;
import java.util.Objects;

/** A page of the storefront was shown. */
public record PageViewed(String userId, String sessionId, String pageUrl, String pageTitle, Long loadTimeMs,
        String previousPage, ClientContext client, Instant occurredAt) implements ActivityEvent {

    public PageViewed {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(pageUrl, "pageUrl");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
