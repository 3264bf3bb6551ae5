package dev.eventmart.support.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One UTC clock for every service's timestamps, ticking in microseconds: what PostgreSQL's {@code timestamptz}
 * keeps, so a time read back from the database equals the one written and the one an event carries. (Truncating
 * at each use instead was six copies of {@code truncatedTo(MICROS)}, and one forgotten copy is a flaky equality.)
 * Tests may replace it with a fixed or offset clock.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
