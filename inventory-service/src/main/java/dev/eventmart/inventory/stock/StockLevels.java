package dev.eventmart.inventory.stock;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves units between a product's {@code available}, {@code reserved} and {@code sold} counts: the one place that
 * changes them (the catalog's {@code Product} only reads them).
 *
 * <p>Every movement runs after its caller has locked the order's product rows in product id order
 * ({@link #lockProducts}, which {@code StockReservations} takes at the start of each batch transaction). Two orders that share products
 * then always lock them in the same order, so they queue instead of deadlocking, and a count read under the lock
 * cannot change before the transaction ends, so stock is never oversold. The check constraints of the
 * {@code product} table ({@code >= 0}) are the last line of defence. Each movement also bumps the product version
 * that JPA's optimistic locking and the catalog snapshots rely on: the row changed.
 */
@Repository
public class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds delivered units to a product's available stock and bumps its version; says whether the product exists.
     * The update locks the row until the transaction ends, so it queues behind a saga batch holding it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean restock(String productId, int quantity, Instant now) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        return jdbc.sql("""
                update product set available = available + ?, version = version + 1, updated_at = ?
                where product_id = ?""")
                .param(quantity)
                .param(Timestamp.from(now))
                .param(productId)
                .update() == 1;
    }

    /**
     * Locks, in one statement and in product id order, the given products and those the given orders' reservation
     * lines hold, and returns the available units of those that exist and are active. A missing or withdrawn product
     * is absent from the result: nothing of it can be reserved.
     */
    Map<String, Integer> lockProducts(Collection<String> productIds, Collection<UUID> ordersWithLines) {
        Map<String, Integer> available = new HashMap<>();
        if (productIds.isEmpty() && ordersWithLines.isEmpty()) {
            return available;
        }
        jdbc.sql("""
                select product_id, available, active from product
                where product_id = any(?::text[] || array(
                    select l.product_id from reservation_line l where l.order_id = any(?::uuid[])))
                order by product_id
                for update""")
                .param(productIds.toArray(String[]::new))
                .param(Reservations.uuids(ordersWithLines))
                .query((row, n) -> row.getBoolean("active")
                        ? available.put(row.getString("product_id"), row.getInt("available")) : null)
                .list();
        return available;
    }

    /**
     * Moves the units of the given orders' reservation lines from available to reserved, in one statement. The
     * caller has locked the products with {@link #lockProducts} and checked that there are enough.
     */
    void reserve(Collection<UUID> orderIds) {
        move(orderIds, "available = p.available - l.quantity, reserved = p.reserved + l.quantity");
    }

    /**
     * Moves the units of the given orders' reservation lines from reserved to sold. The caller has locked the
     * products with {@link #lockProducts}: a multi-row update alone would lock rows in whatever order its
     * plan visits them.
     */
    void sell(Collection<UUID> orderIds) {
        move(orderIds, "reserved = p.reserved - l.quantity, sold = p.sold + l.quantity");
    }

    /**
     * Moves the units of the given orders' reservation lines from reserved back to available; the caller has locked
     * the products as for {@link #sell}.
     */
    void release(Collection<UUID> orderIds) {
        move(orderIds, "reserved = p.reserved - l.quantity, available = p.available + l.quantity");
    }

    /** One update for all the orders: their lines summed per product first, so each product row changes once. */
    private void move(Collection<UUID> orderIds, String assignments) {
        if (orderIds.isEmpty()) {
            return;
        }
        jdbc.sql("update product p set " + assignments + """
                , version = p.version + 1, updated_at = now()
                from (select product_id, sum(quantity)::int as quantity from reservation_line
                      where order_id = any(?::uuid[]) group by product_id) l
                where p.product_id = l.product_id""")
                .param(Reservations.uuids(orderIds))
                .update();
    }
}
