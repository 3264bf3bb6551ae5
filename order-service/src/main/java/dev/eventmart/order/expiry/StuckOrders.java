package dev.eventmart.order.expiry;

import dev.eventmart.order.ordering.OrderStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders still in flight ({@code PENDING} or {@code RESERVED}) that were placed longer ago than a threshold, oldest
 * first: what the expiry job would take next, or what it missed. One statement on the expiry job's partial index
 * ({@code customer_order_in_flight_idx}, V2): its predicate is repeated word for word so PostgreSQL uses it, and
 * each order's last step is its highest {@code seq}, read through the history's primary key.
 */
@Component
class StuckOrders {

    private final JdbcClient jdbc;
    private final Clock clock;

    StuckOrders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<StuckOrder> olderThan(Duration age, int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select o.order_id, o.customer_id, o.status, o.created_at, step.status as step_status,
                       step.changed_at as step_at
                from customer_order o
                cross join lateral (
                    select s.status, s.changed_at from order_status_change s
                    where s.order_id = o.order_id order by s.seq desc limit 1) step
                where o.status in ('PENDING', 'RESERVED') and o.created_at < :cutoff
                order by o.created_at limit :limit""")
                .param("cutoff", Timestamp.from(now.minus(age)))
                .param("limit", limit)
                .query((row, n) -> {
                    Instant placedAt = row.getTimestamp("created_at").toInstant();
                    return new StuckOrder(row.getObject("order_id", UUID.class), row.getString("customer_id"),
                            OrderStatus.valueOf(row.getString("status")),
                            new LastStep(OrderStatus.valueOf(row.getString("step_status")),
                                    row.getTimestamp("step_at").toInstant()),
                            placedAt, Duration.between(placedAt, now).toSeconds());
                })
                .list();
    }

    /** An order in flight for {@code ageSeconds} since it was placed, and the step it last took. */
    record StuckOrder(UUID orderId, String customerId, OrderStatus status, LastStep lastStep, Instant placedAt,
            long ageSeconds) {
    }

    /** The status the order last moved to, and when. */
    record LastStep(OrderStatus status, Instant at) {
    }
}
