package dev.eventmart.support.messaging;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the processed-event inbox ({@link ProcessedEvents}) remembers an event, and how it forgets.
 *
 * @param retention      how long a processed event id is kept; a row older than that is deleted. It must outlast
 *                       any redelivery, and Kafka cannot deliver a record again once its topic has deleted it: the
 *                       topics' retention ({@code eventmart.messaging.retention}, 7 days, Kafka's default) bounds how
 *                       late a duplicate can come, whether the outbox published it twice or a consumer was rewound to
 *                       the earliest offset. The default, 14 days, is twice that, so the inbox stays safe if a
 *                       topic's retention is raised a little without anyone revisiting this setting, and it equals
 *                       the dead-letter topics' retention
 * @param pruning        whether this service prunes its inbox; off in a service that never writes to it
 * @param pruneInterval  pause between two prunes
 * @param pruneBatchSize rows deleted per statement: each batch is a short transaction of its own, so a prune never
 *                       holds locks or a snapshot for long, however much there is to delete
 */
@Validated
@ConfigurationProperties("eventmart.inbox")
public record InboxProperties(@DefaultValue("14d") Duration retention, @DefaultValue("true") boolean pruning,
        @DefaultValue("10m") Duration pruneInterval, @Min(1) @DefaultValue("5000") int pruneBatchSize) {
}
