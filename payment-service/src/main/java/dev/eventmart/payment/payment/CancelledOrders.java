package dev.eventmart.payment.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders that ended without a sale. A cancellation travels on another topic than the payment request of its order
 * and may overtake it; remembering it turns the late request into a no-op instead of a charge.
 */
@Repository
class CancelledOrders {

    private final JdbcClient jdbc;

    CancelledOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers that the order ended; the first outcome heard wins (an order ends once). */
    void remember(UUID orderId, OrderOutcome outcome, Instant at) {
        jdbc.sql("""
                insert into cancelled_order (order_id, outcome, recorded_at)
                values (:orderId, :outcome, :at)
                on conflict (order_id) do nothing""")
                .param("orderId", orderId)
                .param("outcome", outcome.name())
                .param("at", Timestamp.from(at))
                .update();
    }

    boolean contains(UUID orderId) {
        return jdbc.sql("select exists (select 1 from cancelled_order where order_id = ?)")
                .param(orderId)
                .query(Boolean.class)
                .single();
    }
}
