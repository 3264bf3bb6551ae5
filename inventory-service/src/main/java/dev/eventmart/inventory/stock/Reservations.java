package dev.eventmart.inventory.stock;

import dev.eventmart.events.inventory.StockLine;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reservation of each order and the lines it holds. Plain SQL rather than JPA: every step is one statement
 * whose locking is visible here ({@code on conflict do nothing} to claim an order, {@code for update} to change
 * one), and nothing is loaded that the saga step does not need.
 */
@Repository
class Reservations {

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the order's reservation unless it has one. If another transaction is creating it right now, this
     * waits for that one to end; so of two handlers racing for one order, exactly one creates the row and the other
     * sees it.
     *
     * @return {@code true} if this call created it
     */
    boolean create(UUID orderId, ReservationStatus status) {
        return jdbc.sql("""
                insert into reservation (order_id, status, created_at, updated_at)
                values (:orderId, :status, now(), now())
                on conflict (order_id) do nothing""")
                .param("orderId", orderId)
                .param("status", status.name())
                .update() == 1;
    }

    /** The order's reservation status, locked until the transaction ends; empty if the order has none. */
    Optional<ReservationStatus> lock(UUID orderId) {
        return jdbc.sql("select status from reservation where order_id = ? for update")
                .param(orderId)
                .query((row, n) -> ReservationStatus.valueOf(row.getString("status")))
                .optional();
    }

    void changeStatus(UUID orderId, ReservationStatus status) {
        jdbc.sql("update reservation set status = :status, updated_at = now() where order_id = :orderId")
                .param("orderId", orderId)
                .param("status", status.name())
                .update();
    }

    void addLines(UUID orderId, List<StockLine> lines) {
        for (StockLine line : lines) {
            jdbc.sql("""
                    insert into reservation_line (order_id, product_id, quantity)
                    values (:orderId, :productId, :quantity)""")
                    .param("orderId", orderId)
                    .param("productId", line.productId())
                    .param("quantity", line.quantity())
                    .update();
        }
    }

    List<StockLine> lines(UUID orderId) {
        return jdbc.sql("select product_id, quantity from reservation_line where order_id = ? order by product_id")
                .param(orderId)
                .query((row, n) -> new StockLine(row.getString("product_id"), row.getInt("quantity")))
                .list();
    }
}
