package dev.eventmart.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A gauge per status of a table's rows ({@code eventmart.orders{status}}, {@code eventmart.notifications{status}}),
 * counted in the database rather than kept in memory from the transitions: with several instances each sees only
 * the transitions it made, and the database's figure is the same whichever instance is scraped. One
 * {@code group by} for all the statuses, at most once per {@link #MAX_STALENESS} however often they are scraped, on
 * the scraping thread: nothing on the services' hot paths.
 */
public final class StatusCounts {

    /** How old a scraped figure may be. */
    public static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String query;
    private volatile Counts counts;

    /**
     * Registers a gauge {@code name} tagged {@code status} for each of {@code statuses}, counting the rows of
     * {@code table} by {@code column} (identifiers of the service's own schema, never user input).
     */
    public StatusCounts(JdbcClient jdbc, Clock clock, MeterRegistry meters, String name, String description,
            String table, String column, List<String> statuses) {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + table + "." + column);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.query = "select " + column + " as status, count(*) as n from " + table + " group by " + column;
        for (String status : statuses) {
            Gauge.builder(name, this, gauge -> gauge.current().of(status))
                    .description(description + " (read at most every " + MAX_STALENESS.toSeconds() + " s)")
                    .tag("status", status)
                    .register(meters);
        }
    }

    /** The counts, read again once they are older than {@link #MAX_STALENESS}. */
    public Counts current() {
        Counts known = counts;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(MAX_STALENESS).isBefore(now)) {
            synchronized (this) {
                known = counts;
                if (known == null || known.readAt().plus(MAX_STALENESS).isBefore(now)) {
                    known = read(now);
                    counts = known;
                }
            }
        }
        return known;
    }

    private Counts read(Instant now) {
        Map<String, Long> byStatus = new HashMap<>();
        jdbc.sql(query).query(row -> {
            byStatus.put(row.getString("status"), row.getLong("n"));
        });
        return new Counts(Map.copyOf(byStatus), now);
    }

    /** The rows per status at {@code readAt}; a status without rows counts 0. */
    public record Counts(Map<String, Long> byStatus, Instant readAt) {

        public double of(String status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }
}
