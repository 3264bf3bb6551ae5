package dev.eventmart.support.deadletters;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dead-letter API ({@code /api/operations/dead-letters}), off unless a service turns it on.
 *
 * @param enabled      whether this service serves it (and keeps its audit table)
 * @param scope        the token scope staff need besides the {@code ops} role, the service's own API scope
 * @param timeout      how long a read or a replay waits for the broker before answering {@code 503}
 * @param maxReplayAll the most records one "replay all" sends; the answer says when more remain
 */
@ConfigurationProperties("eventmart.dead-letters")
public record DeadLetterProperties(boolean enabled, String scope, @DefaultValue("10s") Duration timeout,
        @DefaultValue("1000") int maxReplayAll) {
}
