package dev.eventmart.analytics.tracking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param maxBatchSize most items {@code POST /api/activity/batch} takes; more are refused with {@code 413} */
@Validated
@ConfigurationProperties("eventmart.analytics.tracking")
record TrackingProperties(@Min(1) @Max(10_000) @DefaultValue("1000") int maxBatchSize) {
}
