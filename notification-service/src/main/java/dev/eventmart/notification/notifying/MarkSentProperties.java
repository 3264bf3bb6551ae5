package dev.eventmart.notification.notifying;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long recording an email the mail server accepted ({@code SENT}) is retried while the database is away, before
 * the failure is left to the listener's error handler, which delivers the event again and so sends the email a
 * second time (see {@link CustomerNotifications}).
 *
 * @param retryFor        how long to keep trying: longer than the database outages the fault harness injects (three
 *                        minutes). The consumer thread waits meanwhile, so this has to stay well below the
 *                        consumer's {@code max.poll.interval.ms} (10 minutes for this service), with room for the
 *                        sends of a poll: beyond it the consumer would lose its partitions, and another one would send
 *                        the emails again
 * @param initialInterval first pause after a failed attempt, doubled after each one
 * @param maxInterval     longest pause between attempts
 */
@ConfigurationProperties("eventmart.notification.mark-sent")
record MarkSentProperties(@DefaultValue("5m") Duration retryFor, @DefaultValue("200ms") Duration initialInterval,
        @DefaultValue("5s") Duration maxInterval) {
}
