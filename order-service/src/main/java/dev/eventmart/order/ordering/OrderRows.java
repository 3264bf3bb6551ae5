package dev.eventmart.order.ordering;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders written and read with plain SQL on the two paths every order takes: placement inserts it (one statement:
 * the order, its lines from {@code unnest} and its first status change), and each saga step locks a poll's orders in one
 * statement, reads their lines and status history in one statement each, and writes back what their transitions
 * changed in two (one update of the orders from {@code unnest}, one insert of the new status changes), whatever the
 * poll's size.
 *
 * <p>Why not Hibernate here, as for the REST API's reads, a customer's cancel and the expiry job ({@link Orders}): a
 * JFR profile at 20 orders/s put 27 % of order-service's CPU in Hibernate's machinery around the saga's five
 * statements (the batch loads of two element collections, result-set mapping, dirty checking of every order and
 * both collections at flush), and placement's persist and flush were most of its transaction's cost. The rules stay
 * the {@link Order}'s own; only loading and storing are done by hand, into the tables the JPA mapping reads. Every
 * write bumps {@code version}, so an entity read before a saga step fails its optimistic check rather than
 * overwriting it.
 */
@Repository
public class OrderRows {

    private final JdbcClient jdbc;

    OrderRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a newly placed order, its lines and its first status change in one statement; returns false, storing
     * nothing, if the customer already placed an order under its idempotency key (a concurrent placement under the
     * same key is waited for first, so a retry racing the original sees its order once this returns).
     *
     * <p>One statement rather than three: at a few hundred orders per second the placement is most of what an order
     * costs, and each statement is a round trip that PostgreSQL and this service both pay for. The lines and the
     * status change are inserted only for a row the first insert returned.
     */
    boolean insert(Order order) {
        ShippingAddressValue address = order.shippingAddress();
        List<OrderItem> items = order.items();
        int size = items.size();
        String[] productIds = new String[size];
        String[] skus = new String[size];
        String[] names = new String[size];
        Integer[] quantities = new Integer[size];
        BigDecimal[] unitPrices = new BigDecimal[size];
        BigDecimal[] lineTotals = new BigDecimal[size];
        for (int i = 0; i < size; i++) {
            OrderItem item = items.get(i);
            productIds[i] = item.productId();
            skus[i] = item.sku();
            names[i] = item.name();
            quantities[i] = item.quantity();
            unitPrices[i] = item.unitPrice();
            lineTotals[i] = item.lineTotal();
        }
        StatusChange placed = order.history().getFirst();
        return jdbc.sql("""
                with placed as (
                    insert into customer_order (order_id, customer_id, customer_email, currency, total, payment_token,
                        street, city, state, zip_code, country, status, reason, idempotency_key, request_fingerprint,
                        created_at, updated_at, version)
                    values (:id, :customer, :email, :currency, :total, :token, :street, :city, :state, :zip, :country,
                        :status, :reason, :key, :fingerprint, :created::timestamptz, :updated::timestamptz, 0)
                    on conflict do nothing
                    returning order_id),
                lines as (
                    insert into order_line (order_id, line_no, product_id, sku, name, quantity, unit_price, line_total)
                    select placed.order_id, l.n - 1, l.product_id, l.sku, l.name, l.quantity, l.unit_price, l.line_total
                    from placed, unnest(:products::text[], :skus::text[], :names::text[], :quantities::int[],
                        :unitPrices::numeric[], :lineTotals::numeric[])
                        with ordinality as l (product_id, sku, name, quantity, unit_price, line_total, n))
                insert into order_status_change (order_id, seq, status, reason, changed_at)
                select order_id, 0, :placedStatus, :placedReason, :placedAt::timestamptz from placed""")
                .param("id", order.id())
                .param("customer", order.customerId())
                .param("email", order.customerEmail())
                .param("currency", order.currency())
                .param("total", order.total())
                .param("token", order.paymentToken())
                .param("street", address.street())
                .param("city", address.city())
                .param("state", address.state())
                .param("zip", address.zipCode())
                .param("country", address.country())
                .param("status", order.status().name())
                .param("reason", order.reason() == null ? null : order.reason().name())
                .param("key", order.idempotencyKey())
                .param("fingerprint", order.requestFingerprint())
                .param("created", order.createdAt().toString())
                .param("updated", order.updatedAt().toString())
                .param("products", productIds)
                .param("skus", skus)
                .param("names", names)
                .param("quantities", quantities)
                .param("unitPrices", unitPrices)
                .param("lineTotals", lineTotals)
                .param("placedStatus", placed.status().name())
                .param("placedReason", placed.reason() == null ? null : placed.reason().name())
                .param("placedAt", placed.at().toString())
                .update() == 1;
    }

    /**
     * The orders with these ids, each locked until the transaction ends, in one statement and in id order: two
     * transactions locking overlapping batches, a customer's cancel ({@link Orders#findForUpdate}) and the expiry job
     * queue instead of deadlocking. Ids without an order are absent.
     */
    public Locked lockAll(Collection<UUID> orderIds) {
        Map<UUID, Order> orders = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return new Locked(orders, Map.of());
        }
        String[] ids = orderIds.stream().map(UUID::toString).toArray(String[]::new);
        List<OrderRow> rows = jdbc.sql("""
                select * from customer_order where order_id = any(?::uuid[]) order by order_id for update""")
                .param(ids)
                .query((row, n) -> OrderRow.of(row))
                .list();
        if (rows.isEmpty()) {
            return new Locked(orders, Map.of());
        }
        Map<UUID, List<OrderItem>> items = new HashMap<>();
        jdbc.sql("""
                select order_id, product_id, sku, name, quantity, unit_price, line_total from order_line
                where order_id = any(?::uuid[]) order by order_id, line_no""")
                .param(ids)
                .query((row, n) -> items.computeIfAbsent(row.getObject("order_id", UUID.class), id -> new ArrayList<>())
                        .add(new OrderItem(row.getString("product_id"), row.getString("sku"), row.getString("name"),
                                row.getInt("quantity"), row.getBigDecimal("unit_price"),
                                row.getBigDecimal("line_total"))))
                .list();
        Map<UUID, List<StatusChange>> history = new HashMap<>();
        jdbc.sql("""
                select order_id, status, reason, changed_at from order_status_change
                where order_id = any(?::uuid[]) order by order_id, seq""")
                .param(ids)
                .query((row, n) -> history.computeIfAbsent(row.getObject("order_id", UUID.class),
                        id -> new ArrayList<>()).add(new StatusChange(OrderStatus.valueOf(row.getString("status")),
                                reasonOf(row), instantOf(row, "changed_at"))))
                .list();
        Map<UUID, Integer> storedChanges = new HashMap<>();
        for (OrderRow row : rows) {
            List<StatusChange> changes = history.getOrDefault(row.id(), List.of());
            orders.put(row.id(), row.toOrder(items.getOrDefault(row.id(), List.of()), changes));
            storedChanges.put(row.id(), changes.size());
        }
        return new Locked(orders, storedChanges);
    }

    /** Writes back every order of {@code locked} that moved on: its status, and the status changes it made. */
    public void store(Locked locked) {
        List<Order> moved = locked.moved();
        if (moved.isEmpty()) {
            return;
        }
        int size = moved.size();
        String[] ids = new String[size];
        String[] statuses = new String[size];
        String[] reasons = new String[size];
        String[] updatedAt = new String[size];
        for (int i = 0; i < size; i++) {
            Order order = moved.get(i);
            ids[i] = order.id().toString();
            statuses[i] = order.status().name();
            reasons[i] = order.reason() == null ? null : order.reason().name();
            updatedAt[i] = order.updatedAt().toString();
        }
        jdbc.sql("""
                update customer_order o
                set status = c.status, reason = c.reason, updated_at = c.updated_at, version = o.version + 1
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as c (order_id, status, reason, updated_at)
                where o.order_id = c.order_id""")
                .params(ids, statuses, reasons, updatedAt)
                .update();
        insertChanges(moved, locked.storedChanges);
    }

    /** Inserts each order's status changes after the first {@code stored} of them, in one statement. */
    private void insertChanges(List<Order> orders, Map<UUID, Integer> stored) {
        List<String> orderIds = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Order order : orders) {
            List<StatusChange> history = order.history();
            for (int seq = stored.get(order.id()); seq < history.size(); seq++) {
                StatusChange change = history.get(seq);
                orderIds.add(order.id().toString());
                seqs.add(seq);
                statuses.add(change.status().name());
                reasons.add(change.reason() == null ? null : change.reason().name());
                times.add(change.at().toString());
            }
        }
        jdbc.sql("""
                insert into order_status_change (order_id, seq, status, reason, changed_at)
                select * from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::timestamptz[])""")
                .params(orderIds.toArray(String[]::new), seqs.toArray(Integer[]::new), statuses.toArray(String[]::new),
                        reasons.toArray(String[]::new), times.toArray(String[]::new))
                .update();
    }

    /** A saga step's orders, locked by {@link #lockAll} and written back by {@link #store}. */
    public static final class Locked {

        private final Map<UUID, Order> orders;

        /** Per order, how many of its status changes are stored: the ones after them are new. */
        private final Map<UUID, Integer> storedChanges;

        private Locked(Map<UUID, Order> orders, Map<UUID, Integer> storedChanges) {
            this.orders = orders;
            this.storedChanges = storedChanges;
        }

        public Optional<Order> find(UUID orderId) {
            return Optional.ofNullable(orders.get(orderId));
        }

        private List<Order> moved() {
            return orders.values().stream()
                    .filter(order -> order.history().size() > storedChanges.get(order.id()))
                    .toList();
        }
    }

    private record OrderRow(UUID id, String customerId, String customerEmail, String currency,
            BigDecimal total, String paymentToken, ShippingAddressValue shippingAddress, OrderStatus status,
            OrderReason reason, Instant createdAt, Instant updatedAt, long version) {

        static OrderRow of(ResultSet row) throws SQLException {
            return new OrderRow(row.getObject("order_id", UUID.class), row.getString("customer_id"),
                    row.getString("customer_email"), row.getString("currency"), row.getBigDecimal("total"),
                    row.getString("payment_token"),
                    new ShippingAddressValue(row.getString("street"), row.getString("city"), row.getString("state"),
                            row.getString("zip_code"), row.getString("country")),
                    OrderStatus.valueOf(row.getString("status")), reasonOf(row), instantOf(row, "created_at"),
                    instantOf(row, "updated_at"), row.getLong("version"));
        }

        Order toOrder(List<OrderItem> items, List<StatusChange> history) {
            return new Order(id, customerId, customerEmail, currency, total, paymentToken, shippingAddress, status,
                    reason, createdAt, updatedAt, version, items, history);
        }
    }

    private static OrderReason reasonOf(ResultSet row) throws SQLException {
        String reason = row.getString("reason");
        return reason == null ? null : OrderReason.valueOf(reason);
    }

    private static Instant instantOf(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
