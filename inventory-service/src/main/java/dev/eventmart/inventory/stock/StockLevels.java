package dev.eventmart.inventory.stock;

import dev.eventmart.support.locking.AdvisoryLocks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Moves units between a product's {@code available}, {@code reserved} and {@code sold} counts.
 *
 * <p>Every movement runs after its caller has locked the order's product rows in product id order
 * ({@link #lockAvailable} for a reservation; {@link #lockProductsOfOrders} for a batch of sales or releases, which
 * {@code StockReservations} takes at the start of each batch transaction). Two orders that share products
 * then always lock them in the same order, so they queue instead of deadlocking, and a count read under the lock
 * cannot change before the transaction ends, so stock is never oversold. The check constraints of the
 * {@code product} table ({@code >= 0}) are the last line of defence. Each movement also bumps the product version
 * that JPA's optimistic locking and the catalog snapshots rely on: the row changed.
 */
@Repository
class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the given products and returns the available units of those that exist and are active. A missing or
     * withdrawn product is absent from the result: nothing of it can be reserved.
     */
    Map<String, Integer> lockAvailable(Collection<String> productIds) {
        Map<String, Integer> available = new HashMap<>();
        if (productIds.isEmpty()) {
            return available;
        }
        jdbc.sql("""
                select product_id, available from product
                where product_id in (:productIds) and active
                order by product_id
                for update""")
                .param("productIds", productIds)
                .query((row, n) -> available.put(row.getString("product_id"), row.getInt("available")))
                .list();
        return available;
    }

    /**
     * Takes a transaction-scoped advisory lock per order, in lock-key order. A batch of saga steps takes every lock
     * it will need up front, orders first, then products ({@link #lockProducts}), each in one global order: two
     * batches then queue instead of deadlocking. The order locks cover what product locks cannot: a placement and
     * a cancellation of the same orders, handled in opposite order by two batches, would otherwise each wait for
     * the other's uncommitted reservation row.
     */
    void lockOrders(Collection<UUID> orderIds) {
        AdvisoryLocks.lockAll(jdbc, "inventory.order", orderIds);
    }

    /** Locks the given products, in product id order, until the transaction ends (see {@link #lockOrders}). */
    void lockProducts(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        jdbc.sql("select product_id from product where product_id in (:productIds) order by product_id for update")
                .param("productIds", productIds)
                .query(String.class)
                .list();
    }

    /** Locks the products of the given orders' reservation lines, in product id order (see {@link #lockProducts}). */
    void lockProductsOfOrders(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                select p.product_id from product p
                where p.product_id in (select l.product_id from reservation_line l where l.order_id in (:orderIds))
                order by p.product_id
                for update of p""")
                .param("orderIds", orderIds)
                .query(String.class)
                .list();
    }

    /**
     * Moves the units of the order's reservation lines from available to reserved. The caller has locked the
     * products with {@link #lockAvailable} and checked that there are enough.
     */
    void reserve(UUID orderId) {
        jdbc.sql("""
                update product p set available = p.available - l.quantity, reserved = p.reserved + l.quantity,
                    version = p.version + 1, updated_at = now()
                from reservation_line l
                where l.order_id = ? and p.product_id = l.product_id""")
                .param(orderId)
                .update();
    }

    /**
     * Moves the units of the order's reservation lines from reserved to sold. The caller has locked the products
     * with {@link #lockProductsOfOrders}: a multi-row update alone would lock rows in whatever order its plan
     * visits them.
     */
    void sell(UUID orderId) {
        jdbc.sql("""
                update product p set reserved = p.reserved - l.quantity, sold = p.sold + l.quantity,
                    version = p.version + 1, updated_at = now()
                from reservation_line l
                where l.order_id = ? and p.product_id = l.product_id""")
                .param(orderId)
                .update();
    }

    /**
     * Moves the units of the order's reservation lines from reserved back to available; the caller has locked the
     * products as for {@link #sell}.
     */
    void release(UUID orderId) {
        jdbc.sql("""
                update product p set reserved = p.reserved - l.quantity, available = p.available + l.quantity,
                    version = p.version + 1, updated_at = now()
                from reservation_line l
                where l.order_id = ? and p.product_id = l.product_id""")
                .param(orderId)
                .update();
    }
}
