package dev.eventmart.analytics.tracking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBatchSize most items {@code POST /api/activity/batch} takes; more are refused with {@code 413}
 * @param maxEventsInFlight most events accepted but not yet acknowledged by Kafka ({@link IngestionCapacity});
 *        beyond it requests are refused with {@code 503}. At least one full batch.
 */
@Validated
@ConfigurationProperties("eventmart.analytics.tracking")
record TrackingProperties(@Min(1) @Max(10_000) @DefaultValue("1000") int maxBatchSize,
        @Min(1) @DefaultValue("20000") int maxEventsInFlight) {

    TrackingProperties {
        if (maxEventsInFlight < maxBatchSize) {
            throw new IllegalArgumentException("eventmart.analytics.tracking.max-events-in-flight (" + maxEventsInFlight
                    + ") must hold at least one full batch (max-batch-size " + maxBatchSize + ")");
        }
    }
}
