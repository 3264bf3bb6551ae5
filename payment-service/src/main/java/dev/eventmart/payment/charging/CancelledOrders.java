package dev.eventmart.payment.charging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Why the order needs no payment, asked in one round trip: it already has its payment (the unique
     * {@code order_id}), or it has ended; empty while it still needs one. Plain SQL on purpose: through Hibernate,
     * every lookup of a batch transaction would first flush what the batch has stored so far. A payment stored
     * earlier in the same batch for the same order is then not seen here; the unique {@code order_id} still
     * refuses the second one at commit, and the batch is applied again one event per transaction, where this check
     * sees it.
     */
    Optional<String> whyNoPaymentIsNeeded(UUID orderId) {
        return jdbc.sql("""
                select case
                    when exists (select 1 from payment where order_id = :orderId) then 'the order already has its payment'
                    when exists (select 1 from cancelled_order where order_id = :orderId) then 'the order has already ended'
                end""")
                .param("orderId", orderId)
                .query(String.class)
                .optional();
    }

    /**
     * {@link #whyNoPaymentIsNeeded} for a batch of orders, in one round trip: the orders among {@code orderIds} that
     * need no payment, each with the reason.
     */
    Map<UUID, String> whyNoPaymentIsNeeded(Collection<UUID> orderIds) {
        Map<UUID, String> reasons = new HashMap<>();
        if (orderIds.isEmpty()) {
            return reasons;
        }
        jdbc.sql("""
                select o.id, case
                    when exists (select 1 from payment where order_id = o.id) then 'the order already has its payment'
                    when exists (select 1 from cancelled_order where order_id = o.id) then 'the order has already ended'
                end as reason
                from unnest(?::uuid[]) as o (id)""")
                .param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((row, n) -> row.getString("reason") == null ? null
                        : reasons.put(row.getObject("id", UUID.class), row.getString("reason")))
                .list();
        return reasons;
    }
}
