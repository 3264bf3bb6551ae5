package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A catalog search ran. */
public record SearchPerformed(@Required String userId, String sessionId, @Required String searchQuery,
        Integer resultsCount, Map<String, String> filters, String sortBy, Long responseTimeMs, ClientContext client,
        @Required Instant occurredAt) implements ActivityEvent {

    public SearchPerformed {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(searchQuery, "searchQuery");
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
