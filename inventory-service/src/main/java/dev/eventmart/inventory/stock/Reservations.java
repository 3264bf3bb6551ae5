package dev.eventmart.inventory.stock;

import dev.eventmart.events.inventory.StockLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reservation of each order and the lines it holds. Plain SQL rather than JPA: every step is one statement for a
 * whole batch of orders (arrays as parameters, {@code unnest} on the server), whose locking is visible here, and
 * nothing is loaded that the saga step does not need. The callers hold the orders' advisory locks
 * ({@link dev.eventmart.support.locking.OrderLocks}), so no other transaction creates or changes these orders' rows
 * meanwhile.
 */
@Repository
class Reservations {

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The orders among {@code orderIds} that have a reservation, with its status, locked until the transaction ends. */
    Map<UUID, ReservationStatus> lockAll(Collection<UUID> orderIds) {
        Map<UUID, ReservationStatus> statuses = new HashMap<>();
        if (orderIds.isEmpty()) {
            return statuses;
        }
        jdbc.sql("select order_id, status from reservation where order_id = any(?::uuid[]) order by order_id for update")
                .param(uuids(orderIds))
                .query((row, n) -> statuses.put(row.getObject("order_id", UUID.class),
                        ReservationStatus.valueOf(row.getString("status"))))
                .list();
        return statuses;
    }

    /**
     * Creates a reservation with its status for each order that has none yet.
     *
     * @return the orders whose reservation this call created
     */
    List<UUID> createAll(Map<UUID, ReservationStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                insert into reservation (order_id, status, created_at, updated_at)
                select o.order_id, o.status, now(), now() from unnest(?::uuid[], ?::text[]) as o (order_id, status)
                on conflict (order_id) do nothing
                returning order_id""")
                .param(uuids(statuses.keySet()))
                .param(statuses.values().stream().map(ReservationStatus::name).toArray(String[]::new))
                .query(UUID.class)
                .list();
    }

    void changeStatusAll(Collection<UUID> orderIds, ReservationStatus status) {
        if (orderIds.isEmpty()) {
            return;
        }
        jdbc.sql("update reservation set status = ?, updated_at = now() where order_id = any(?::uuid[])")
                .param(status.name())
                .param(uuids(orderIds))
                .update();
    }

    /** Stores the lines of every order: {@code lines} maps each order to its lines. */
    void addLines(Map<UUID, List<StockLine>> lines) {
        List<String> orderIds = new ArrayList<>();
        List<String> productIds = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        lines.forEach((orderId, orderLines) -> orderLines.forEach(line -> {
            orderIds.add(orderId.toString());
            productIds.add(line.productId());
            quantities.add(line.quantity());
        }));
        if (orderIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into reservation_line (order_id, product_id, quantity)
                select * from unnest(?::uuid[], ?::text[], ?::int[])""")
                .param(orderIds.toArray(String[]::new))
                .param(productIds.toArray(String[]::new))
                .param(quantities.toArray(Integer[]::new))
                .update();
    }

    /** The lines of each of the orders, by product id; an order without lines is absent. */
    Map<UUID, List<StockLine>> lines(Collection<UUID> orderIds) {
        Map<UUID, List<StockLine>> lines = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("""
                select order_id, product_id, quantity from reservation_line
                where order_id = any(?::uuid[]) order by order_id, product_id""")
                .param(uuids(orderIds))
                .query((row, n) -> lines.computeIfAbsent(row.getObject("order_id", UUID.class), id -> new ArrayList<>())
                        .add(new StockLine(row.getString("product_id"), row.getInt("quantity"))))
                .list();
        return lines;
    }

    static String[] uuids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
