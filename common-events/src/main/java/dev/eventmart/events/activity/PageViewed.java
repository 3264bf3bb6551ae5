package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Objects;

/** A page of the storefront was shown. */
public record PageViewed(@Required String userId, String sessionId, @Required String pageUrl, String pageTitle,
        Long loadTimeMs, String previousPage, ClientContext client, @Required Instant occurredAt)
        implements ActivityEvent {

    public PageViewed {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(pageUrl, "pageUrl");
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
