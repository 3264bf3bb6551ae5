package dev.eventmart.order.expiry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout      an order still {@code PENDING} or {@code RESERVED} this long after it was placed expires
 * @param scanInterval how often the job looks for such orders
 * @param batchSize    orders expired per transaction
 */
@ConfigurationProperties("eventmart.order.expiry")
record ExpiryProperties(@DefaultValue("15m") Duration timeout, @DefaultValue("30s") Duration scanInterval,
        @DefaultValue("100") int batchSize) {
}
