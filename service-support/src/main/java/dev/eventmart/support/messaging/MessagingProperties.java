package dev.eventmart.support.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging settings shared by every service.
 *
 * @param source             CloudEvents {@code source} of what this service publishes (its name)
 * @param partitions         partitions of every EventMart topic and its dead-letter topic
 * @param replicationFactor  replicas per partition (1 for a single local broker)
 * @param retention          how long event topics keep records (compacted topics keep the latest per key)
 * @param deadLetterRetention how long dead-letter topics keep records
 * @param retry              redelivery of a record whose handler failed (see {@link Failures})
 * @param healthTimeout      how long the Kafka health check waits for the cluster
 */
@ConfigurationProperties("eventmart.messaging")
public record MessagingProperties(String source, @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor, @DefaultValue("7d") Duration retention,
        @DefaultValue("14d") Duration deadLetterRetention, @DefaultValue Retry retry,
        @DefaultValue("3s") Duration healthTimeout) {

    /**
     * Exponential backoff from {@code initialInterval}, growing by {@code multiplier}. A transient failure is
     * redelivered without end, at most {@code transientMaxInterval} apart: below the consumer's
     * {@code max.poll.interval.ms} (5 min), since the consumer thread waits out the interval, and short enough that
     * the partition resumes soon after its database or broker is back. A failure of unknown kind is redelivered
     * {@code maxRetries} times, at most {@code maxInterval} apart, then dead-lettered.
     */
    public record Retry(@DefaultValue("4") int maxRetries, @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier, @DefaultValue("5s") Duration maxInterval,
            @DefaultValue("30s") Duration transientMaxInterval) {
    }
}
