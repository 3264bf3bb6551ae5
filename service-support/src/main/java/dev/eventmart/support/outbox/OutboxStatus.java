package dev.eventmart.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the outbox is behind, for operators: gauges {@code eventmart.outbox.backlog} (events not yet published),
 * {@code eventmart.outbox.backlog.oldest.age} (seconds since the oldest of them happened) and
 * {@code eventmart.outbox.parked.size} (events Kafka refused for good, waiting for an operator), and the health
 * component {@code outbox}: {@code DOWN} once the oldest unpublished event is older than
 * {@code eventmart.outbox.stuck-after} (the relay cannot publish: broker away, no authorization), with the same
 * figures as details. Not part of readiness: taking the service out of rotation would not get an event published.
 *
 * <p>The figures are read from the database at most once per {@link #MAX_STALENESS}, however often they are
 * scraped.
 */
public class OutboxStatus extends AbstractHealthIndicator {

    static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration stuckAfter;
    private volatile Figures figures;

    public OutboxStatus(JdbcClient jdbc, Clock clock, Duration stuckAfter, MeterRegistry meters) {
        super("Outbox status unavailable");
        this.jdbc = jdbc;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        Gauge.builder("eventmart.outbox.backlog", this, status -> status.current().backlog())
                .description("Outbox events not yet published").register(meters);
        Gauge.builder("eventmart.outbox.backlog.oldest.age", this,
                        status -> status.current().oldestAge().toMillis() / 1000.0)
                .description("Seconds since the oldest unpublished outbox event happened").baseUnit("seconds")
                .register(meters);
        Gauge.builder("eventmart.outbox.parked.size", this, status -> status.current().parked())
                .description("Outbox events Kafka refused for good, in outbox_parked").register(meters);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Figures now = current();
        builder.status(now.oldestAge().compareTo(stuckAfter) > 0 ? "DOWN" : "UP")
                .withDetail("backlog", now.backlog())
                .withDetail("oldestAgeSeconds", now.oldestAge().toSeconds())
                .withDetail("parked", now.parked());
    }

    Figures current() {
        Figures known = figures;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(MAX_STALENESS).isBefore(now)) {
            known = read(now);
            figures = known;
        }
        return known;
    }

    private Figures read(Instant now) {
        return jdbc.sql("""
                select (select count(*) from outbox_event) as backlog,
                       (select min(occurred_at) from outbox_event) as oldest,
                       (select count(*) from outbox_parked) as parked""")
                .query((row, n) -> {
                    Timestamp oldest = row.getTimestamp("oldest");
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now);
                    return new Figures(row.getLong("backlog"), age.isNegative() ? Duration.ZERO : age,
                            row.getLong("parked"), now);
                })
                .single();
    }

    record Figures(long backlog, Duration oldestAge, long parked, Instant readAt) {
    }
}
