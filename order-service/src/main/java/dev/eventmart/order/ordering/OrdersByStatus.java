package dev.eventmart.order.ordering;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code eventmart.orders}: how many orders are in each status, tag {@code status}.
 *
 * <p>Counted in the database, not kept in memory from the transitions: with several instances each sees only the
 * transitions it made, and the database's figure is the same whichever instance is scraped. One
 * {@code group by status} for all five gauges, at most once per {@link #MAX_STALENESS} however often they are
 * scraped, on the scraping thread: nothing on the saga's path.
 */
@Component
class OrdersByStatus {

    static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Counts counts;

    OrdersByStatus(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (OrderStatus status : OrderStatus.values()) {
            Gauge.builder("eventmart.orders", this, gauge -> gauge.current().of(status))
                    .description("Orders in each status, all instances together (read at most every 5 s)")
                    .tag("status", status.name())
                    .register(meters);
        }
    }

    Counts current() {
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
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        jdbc.sql("select status, count(*) as orders from customer_order group by status")
                .query(row -> {
                    byStatus.put(OrderStatus.valueOf(row.getString("status")), row.getLong("orders"));
                });
        return new Counts(byStatus, now);
    }

    record Counts(Map<OrderStatus, Long> byStatus, Instant readAt) {

        double of(OrderStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }
}
