package dev.eventmart.notification.notifying;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a notification waits for its mail server: {@code maxRetries} redeliveries of its event after the first
 * attempt, starting {@code initialInterval} apart and growing by {@code multiplier} up to {@code maxInterval}.
 * Longer than the shared listener retry (about 3 s), because a mail server restart or a greylisting {@code 4xx}
 * takes minutes, not milliseconds; the defaults wait about 3 minutes in all (1, 2, 4, 8, 16, then 30 s apart)
 * before giving up.
 */
@Validated
@ConfigurationProperties("eventmart.notification.retry")
record NotificationRetryProperties(@Min(0) @DefaultValue("10") int maxRetries,
        @DefaultValue("1s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
        @DefaultValue("30s") Duration maxInterval) {
}
