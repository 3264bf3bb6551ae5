package dev.eventmart.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The saga's invariants over every order of the run (warm-up included), judged once the pipeline is quiescent:
 * what the database, the analytics view and the dead-letter topics say after the last event has been handled.
 * Kept apart from {@link SagaBench} because it is the part that says whether the figures are worth anything: a fast
 * saga that loses an order, a reservation, a notification or a euro of revenue has not been measured, only broken.
 */
final class Invariants {

    private static final Pattern ORDERS_BLOCK = Pattern.compile("\"orders\"\\s*:\\s*\\{([^}]*)}");
    private static final String NUMBER = "\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)";

    record Check(String what, boolean ok, String detail) {
    }

    private final Database db;
    private final KafkaProbe kafka;
    private final Quiescence quiescence;
    private final HttpClient client;
    private final String analyticsUrl;
    private final List<String> products;
    private final Tokens tokens;

    Invariants(Database db, KafkaProbe kafka, Quiescence quiescence, HttpClient client, Tokens tokens,
            String analyticsUrl, List<String> products) {
        this.db = db;
        this.tokens = tokens;
        this.kafka = kafka;
        this.quiescence = quiescence;
        this.client = client;
        this.analyticsUrl = analyticsUrl;
        this.products = products;
    }

    /** available, reserved, sold per product. */
    static Map<String, long[]> stock(Database db) throws SQLException {
        Map<String, long[]> stock = new LinkedHashMap<>();
        db.query("select product_id, available, reserved, sold from inventory.product order by product_id", null,
                row -> stock.put(row.getString(1), new long[] { row.getLong(2), row.getLong(3), row.getLong(4) }));
        return stock;
    }

    List<Check> check(List<UUID> orders, Quiescence.State quiet, Map<String, long[]> before, int restock)
            throws Exception {
        return check(orders, quiet, before, restock, null);
    }

    /**
     * As {@link #check(List, Quiescence.State, Map, int)}; with a {@code poisonLedger} (the fault harness's) the
     * dead-letter topics must hold exactly the poison records it lists instead of nothing.
     */
    List<Check> check(List<UUID> orders, Quiescence.State quiet, Map<String, long[]> before, int restock,
            java.nio.file.Path poisonLedger) throws Exception {
        Map<String, long[]> after = stock(db);
        long inDb = db.count("select count(*) from orders.customer_order where order_id = any(?)", orders);
        long notTerminal = db.count("select count(*) from orders.customer_order where order_id = any(?) "
                + "and status not in ('CONFIRMED', 'CANCELLED', 'EXPIRED')", orders);
        long confirmedWithoutPayment = db.count("""
                select count(*) from orders.customer_order o where o.order_id = any(?) and o.status = 'CONFIRMED'
                and (select count(*) from payments.payment p where p.order_id = o.order_id and p.status = 'AUTHORIZED'
                     and p.amount = o.total and p.currency = o.currency) <> 1""", orders);
        long cancelledButCharged = db.count("""
                select count(*) from orders.customer_order o where o.order_id = any(?) and o.status <> 'CONFIRMED'
                and exists (select 1 from payments.payment p where p.order_id = o.order_id and p.status = 'AUTHORIZED')""",
                orders);
        long reservationsOpen = db.count("select count(*) from inventory.reservation r where r.order_id = any(?) "
                + "and r.status = 'RESERVED'", orders);
        Map<String, Long> soldByOrders = new LinkedHashMap<>();
        db.query("""
                select l.product_id, sum(l.quantity) from orders.order_line l join orders.customer_order o using (order_id)
                where o.order_id = any(?) and o.status = 'CONFIRMED' group by l.product_id""", orders,
                row -> soldByOrders.put(row.getString(1), row.getLong(2)));
        long conservedViolations = 0;
        long reservedLeft = 0;
        long soldMismatch = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] now = entry.getValue();
            long[] was = before.getOrDefault(entry.getKey(), new long[3]);
            long added = products.contains(entry.getKey()) ? restock : 0;
            if (now[0] + now[1] + now[2] != was[0] + was[1] + was[2] + added) {
                conservedViolations++;
            }
            reservedLeft += now[1];
            if (now[2] - was[2] != soldByOrders.getOrDefault(entry.getKey(), 0L)) {
                soldMismatch++;
            }
        }

        // (4) One customer notification per outcome: type ORDER_<status>, SENT; and none for another outcome.
        long withoutNotification = db.count("""
                select count(*) from orders.customer_order o
                where o.order_id = any(?) and o.status in ('CONFIRMED', 'CANCELLED', 'EXPIRED')
                and (select count(*) from notifications.notification n where n.order_id = o.order_id
                     and n.type = 'ORDER_' || o.status and n.status = 'SENT') <> 1""", orders);
        long wrongOutcome = db.count("""
                select count(*) from orders.customer_order o
                where o.order_id = any(?) and exists (select 1 from notifications.notification n
                     where n.order_id = o.order_id and n.type in ('ORDER_CONFIRMED', 'ORDER_CANCELLED', 'ORDER_EXPIRED')
                     and n.type <> 'ORDER_' || o.status)""", orders);

        // (5) Analytics' confirmed revenue against the orders; both over the whole (per-run) database and topics.
        List<Object[]> confirmed = db.query("select coalesce(sum(total), 0), count(*) from orders.customer_order "
                + "where status = 'CONFIRMED'", null, row -> new Object[] { row.getBigDecimal(1), row.getLong(2) });
        BigDecimal ordersRevenue = (BigDecimal) confirmed.getFirst()[0];
        long ordersConfirmed = (Long) confirmed.getFirst()[1];
        Check revenue = analyticsRevenue(ordersRevenue, ordersConfirmed);

        // (6) No event lost: every outbox drained and every dead-letter topic empty (committed records counted), or
        // holding only the poison the fault harness injected.
        Map<String, Long> outboxRows = quiescence.outboxRows();
        long outboxLeft = outboxRows.values().stream().mapToLong(Long::longValue).sum();
        Map<String, List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>> deadLetters =
                kafka.deadLetterRecords();
        Check lost;
        if (poisonLedger != null) {
            Poison.Verdict verdict = Poison.judge(poisonLedger, deadLetters);
            lost = new Check("no event lost: outboxes drained, dead-letter topics hold exactly the injected poison",
                    outboxLeft == 0 && verdict.ok(), outboxLeft + " outbox rows; " + verdict.detail());
        } else {
            long deadLettered = deadLetters.values().stream().mapToLong(List::size).sum();
            StringBuilder dlts = new StringBuilder();
            deadLetters.forEach((topic, records) -> {
                if (!records.isEmpty()) {
                    dlts.append(dlts.isEmpty() ? " (" : ", ").append(topic).append(' ').append(records.size());
                }
            });
            if (!dlts.isEmpty()) {
                dlts.append(')');
            }
            lost = new Check("no event lost: outboxes drained, every dead-letter topic empty",
                    outboxLeft == 0 && deadLettered == 0, outboxLeft + " outbox rows; " + deadLettered + " records in "
                            + deadLetters.size() + " *.dlt topics" + dlts + " (read_committed)");
        }

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("pipeline quiescent before judging (orders terminal, outboxes empty, consumer lag 0)",
                quiet.quiet(), quiet.describe()));
        checks.add(new Check("every accepted order is stored", inDb == orders.size(), inDb + " of " + orders.size()));
        checks.add(new Check("every order is terminal", notTerminal == 0, notTerminal + " not terminal"));
        checks.add(new Check("stock conserved: available + reserved + sold = before + restocked",
                conservedViolations == 0, conservedViolations + " products off"));
        checks.add(new Check("nothing left reserved (reserved = 0, no open reservation)",
                reservedLeft == 0 && reservationsOpen == 0,
                reservedLeft + " units reserved, " + reservationsOpen + " open reservations"));
        checks.add(new Check("units sold = units of confirmed orders, per product", soldMismatch == 0,
                soldMismatch + " products off"));
        checks.add(new Check("confirmed ⇒ exactly one AUTHORIZED payment of its total", confirmedWithoutPayment == 0,
                confirmedWithoutPayment + " violations"));
        checks.add(new Check("not confirmed ⇒ no AUTHORIZED payment left", cancelledButCharged == 0,
                cancelledButCharged + " violations"));
        checks.add(new Check("terminal ⇒ exactly one SENT customer notification of its outcome, none of another",
                withoutNotification == 0 && wrongOutcome == 0, withoutNotification + " without exactly one, "
                        + wrongOutcome + " with another outcome's"));
        checks.add(revenue);
        checks.add(lost);
        return checks;
    }

    /**
     * The overview's {@code orders} block against {@code orders.customer_order}: both cover everything since the
     * run's fresh database and broker. Retried a few times: the view answers 503 during a Kafka Streams rebalance.
     */
    private Check analyticsRevenue(BigDecimal ordersRevenue, long ordersConfirmed) throws Exception {
        String what = "analytics confirmed revenue = sum of confirmed order totals (whole run)";
        String body = null;
        String problem = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(analyticsUrl
                        + "/api/analytics/overview")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", tokens.bearer(Tokens.STAFF)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    body = response.body();
                    break;
                }
                problem = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                problem = e.toString();
            }
            Thread.sleep(1000);
        }
        if (body == null) {
            return new Check(what, false, "GET /api/analytics/overview failed: " + problem);
        }
        Matcher block = ORDERS_BLOCK.matcher(body);
        if (!block.find()) {
            return new Check(what, false, "no orders block in " + body);
        }
        BigDecimal revenue = number(block.group(1), "confirmedRevenue");
        BigDecimal count = number(block.group(1), "confirmed");
        if (revenue == null || count == null) {
            return new Check(what, false, "no confirmedRevenue/confirmed in " + block.group());
        }
        boolean ok = revenue.compareTo(ordersRevenue) == 0 && count.longValue() == ordersConfirmed;
        return new Check(what, ok, "analytics " + revenue.toPlainString() + " over " + count.toPlainString()
                + " confirmed; orders " + ordersRevenue.toPlainString() + " over " + ordersConfirmed);
    }

    private static BigDecimal number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"" + NUMBER).matcher(json);
        return matcher.find() ? new BigDecimal(matcher.group(1)) : null;
    }
}
