package dev.eventmart.support.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings.
 *
 * @param batchSize        events published per transaction
 * @param pollInterval     how often the relay looks for events nobody woke it for (another instance, a crash)
 * @param sendTimeout      how long a batch waits for Kafka's acknowledgements before it is retried
 * @param retryInterval    first pause after a failed batch, doubled up to {@code maxRetryInterval}
 * @param maxRetryInterval longest pause between retries
 * @param stuckAfter       age of the oldest unpublished event from which the {@code outbox} health is {@code DOWN}
 * @param vacuumAfter      events published between two vacuums of the outbox table by its relay
 * @param maxAttempts      failed attempts after which an event is parked, if other events went out meanwhile (a broker
 *                         that is away parks nothing)
 */
@ConfigurationProperties("eventmart.outbox")
public record OutboxProperties(@DefaultValue("500") int batchSize, @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration sendTimeout, @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("10s") Duration maxRetryInterval, @DefaultValue("2m") Duration stuckAfter,
        @DefaultValue("1000") int vacuumAfter, @DefaultValue("10") int maxAttempts) {
}
