package dev.eventmart.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The order saga end to end: orders placed through {@code POST /api/orders} at fixed rates (open loop), then a
 * closed loop with a fixed number of orders in flight (the maximum the saga sustains). Per phase: orders/s placed
 * and completed, HTTP latency, placed → terminal latency from the order's own status history (first and last
 * step), failures. Then the invariants over every order of the run, read from the database.
 */
final class SagaBench {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final List<String> TERMINAL = List.of("CONFIRMED", "CANCELLED", "EXPIRED");

    private final Options options;
    private final HttpClient client = OpenLoop.client();
    private final String orderUrl;
    private final String inventoryUrl;
    private final List<String> products;
    private final double declinedShare;
    private final Set<UUID> allOrders = ConcurrentHashMap.newKeySet();
    private final CpuSampler cpu;
    private Connection db;
    /** Queries this generator ran (each an autocommitted transaction), subtracted from the commit counts. */
    private final java.util.concurrent.atomic.AtomicLong ownQueries = new java.util.concurrent.atomic.AtomicLong();

    private SagaBench(Options options) {
        this.options = options;
        this.orderUrl = options.string("order-url", "http://localhost:8081");
        this.inventoryUrl = options.string("inventory-url", "http://localhost:8082");
        this.products = options.strings("products", "P-1001,P-1002,P-1004,P-1005,P-1006,P-1007,P-1009,P-1010,P-1013,P-1019");
        this.declinedShare = options.decimal("declined-share", 0.05);
        this.cpu = new CpuSampler(options);
    }

    static void run(Options options) throws Exception {
        new SagaBench(options).execute();
    }

    private record Phase(String name, OpenLoop.Result http, List<UUID> orders, Instant start, long completed,
            Histogram placedToTerminal, double completedPerSecond, String statuses, CpuSampler.Usage usage,
            double commitsPerOrder) {
    }

    private void execute() throws Exception {
        Report report = new Report(options);
        db = DriverManager.getConnection(options.required("db-url"), options.string("db-user", "postgres"),
                options.string("db-password", ""));
        Duration duration = Duration.ofSeconds(options.integer("duration-s", 20));
        int drainTimeout = options.integer("drain-timeout-s", 45);

        Map<String, long[]> stockBefore = stock();
        int restock = options.integer("restock", 100_000);
        for (String product : products) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(inventoryUrl + "/api/products/"
                    + product + "/restock")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": " + restock + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("restock " + product + " answered " + response.statusCode() + " "
                        + response.body());
            }
        }
        Report.log("Restocked %d products by %d units each", products.size(), restock);
        awaitCatalog();

        // Warm-up (not reported; its orders are part of the invariants): a closed loop, so it leaves no backlog,
        // long enough for the JIT to compile the hot paths of five JVMs sharing the machine.
        int warmup = options.integer("warmup-s", 30);
        if (warmup > 0) {
            Report.log("Warm-up: closed loop, 16 orders in flight for %d s", warmup);
            closedLoop(16, Duration.ofSeconds(warmup), drainTimeout);
        }

        List<Phase> phases = new ArrayList<>();
        Phase saturated = null;
        Duration overloaded = Duration.ofSeconds(options.integer("overloaded-duration-s", 5));
        for (double rate : options.decimals("rates", "30,100,300,1000")) {
            // Above the first rate the saga does not keep up with, every order only adds to a backlog that drains
            // at the saga's own pace: a few seconds of each such rate show that, without minutes of draining.
            Duration phaseDuration = saturated == null ? duration : overloaded;
            Report.log("Open loop: %.0f orders/s for %d s", rate, phaseDuration.toSeconds());
            Phase phase = openLoop(Report.num(rate) + "/s open", rate, phaseDuration, drainTimeout);
            phases.add(phase);
            if (saturated == null && phase.completedPerSecond() < 0.8 * rate) {
                saturated = phase;
            }
        }
        int concurrency = options.integer("closed-concurrency", 64);
        if (concurrency > 0) {
            // A backlog left by a saturated open-loop phase would be measured as the closed loop's own work.
            awaitTerminal(new ArrayList<>(allOrders), options.integer("final-drain-timeout-s", 180));
            Report.log("Closed loop: %d orders in flight for %d s", concurrency, duration.toSeconds());
            phases.add(closedLoop(concurrency, duration, drainTimeout));
        }

        report.line("### Saga: orders through POST /api/orders to a terminal state").line("")
                .line("Open loop: orders are due at a fixed rate whatever the answers; HTTP latency counts from when "
                        + "each was due. Closed loop: a new order as soon as one of the " + concurrency
                        + " in flight reaches a terminal state. placed → terminal: first to last `statusHistory` step. "
                        + "Completed/s: terminal orders over the time from the phase's start to its last terminal step. "
                        + Math.round(declinedShare * 100) + " % of orders use a declined card (compensation path).")
                .line("")
                .header("phase", "placed/s", "completed/s", "HTTP p50 ms", "HTTP p99 ms", "placed→terminal p50 ms",
                        "p95 ms", "p99 ms", "max ms", "failures", "outcomes", "DB commits/order",
                        "CPU (share of one core)");
        for (Phase phase : phases) {
            report.row(phase.name(), Report.num(phase.http().achievedRate()), Report.num(phase.completedPerSecond()),
                    Report.pct(phase.http().latencyMicros(), 50), Report.pct(phase.http().latencyMicros(), 99),
                    Report.pct(phase.placedToTerminal(), 50), Report.pct(phase.placedToTerminal(), 95),
                    Report.pct(phase.placedToTerminal(), 99), Report.max(phase.placedToTerminal()),
                    phase.http().failureSummary(), phase.statuses(), Report.fixed(phase.commitsPerOrder(), 1),
                    phase.usage().summary());
            String key = phase.name().startsWith("closed") ? "saga.closed" : "saga." + Math.round(phase.http().targetRate());
            report.figure(key + ".placed_per_s", Report.fixed(phase.http().achievedRate(), 1))
                    .figure(key + ".completed_per_s", Report.fixed(phase.completedPerSecond(), 1))
                    .figure(key + ".http_p99_ms", Report.pct(phase.http().latencyMicros(), 99))
                    .figure(key + ".terminal_p50_ms", Report.pct(phase.placedToTerminal(), 50))
                    .figure(key + ".terminal_p99_ms", Report.pct(phase.placedToTerminal(), 99))
                    .figure(key + ".commits_per_order", Report.fixed(phase.commitsPerOrder(), 1));
        }
        report.line("");
        if (saturated != null) {
            report.line("From " + Report.num(saturated.http().targetRate()) + " orders/s offered the saga no longer "
                    + "keeps up (it completed " + Report.num(saturated.completedPerSecond()) + "/s); higher rates run for "
                    + overloaded.toSeconds() + " s each, so their completed/s is the saga's capacity and their "
                    + "latencies are time spent queueing.").line("");
            report.figure("saga.saturated_at", Report.fixed(saturated.http().targetRate(), 0));
        }
        invariants(report, stockBefore, restock);
        report.write();
        db.close();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private HttpRequest order(int index) {
        String product = products.get(Math.floorMod(index * 7919, products.size()));
        String token = (index % 100) < Math.round(declinedShare * 100) ? "tok_chargeDeclined" : "tok_visa";
        String body = """
                {"customerId":"bench-%d","customerEmail":"bench-%d@example.com","currency":"EUR","paymentToken":"%s",
                 "shippingAddress":{"street":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"US"},
                 "items":[{"productId":"%s","quantity":%d}]}""".formatted(index % 1000, index % 1000, token, product,
                1 + index % 2);
        return HttpRequest.newBuilder(URI.create(orderUrl + "/api/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static UUID orderId(HttpResponse<String> response) {
        Matcher matcher = ORDER_ID.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no orderId in " + response.body());
        }
        return UUID.fromString(matcher.group(1));
    }

    /** The catalog replica of order-service fills from Kafka after start: wait until an order is accepted. */
    private void awaitCatalog() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> response = client.send(order(1), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                allOrders.add(orderId(response));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("order-service does not accept orders: " + response.statusCode() + " "
                        + response.body());
            }
            Thread.sleep(500);
        }
    }

    private Phase openLoop(String name, double rate, Duration duration, int drainTimeout) throws Exception {
        List<UUID> orders = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant start = Instant.now();
        long commits = commits();
        CpuSampler.Window window = cpu.start();
        OpenLoop.Result http = OpenLoop.run(client, rate, duration, 2000, this::order, (index, response) -> {
            orders.add(orderId(response));
            return 1;
        });
        allOrders.addAll(orders);
        awaitTerminal(orders, drainTimeout);
        CpuSampler.Usage usage = window.stop();
        return completed(name, http, orders, start, usage, commits);
    }

    /**
     * Keeps {@code concurrency} orders in flight: each worker places an order and waits for its terminal event
     * ({@code order.order.confirmed/cancelled/expired}, keyed by order id), then places the next. The rate it reaches
     * is the saga's end-to-end maximum. The events are read from Kafka rather than by polling the database, so the
     * generator adds no queries of its own to PostgreSQL's load.
     */
    private Phase closedLoop(int concurrency, Duration duration, int drainTimeout) throws Exception {
        List<UUID> orders = java.util.Collections.synchronizedList(new ArrayList<>());
        Histogram httpLatency = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        try (TerminalEvents terminal = TerminalEvents.start(options.string("bootstrap-servers", "localhost:9092"))) {
            Instant start = Instant.now();
            long commits = commits();
            CpuSampler.Window window = cpu.start();
            long startNanos = System.nanoTime();
            long end = startNanos + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(Thread.ofVirtual().start(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(order(worker * 1_000_003 + i++),
                                    HttpResponse.BodyHandlers.ofString());
                            httpLatency.recordValue((System.nanoTime() - sent) / 1000);
                            if (response.statusCode() != 202) {
                                failed.increment();
                                failures.merge("HTTP " + response.statusCode(), 1L, Long::sum);
                                continue;
                            }
                            ok.increment();
                            UUID id = orderId(response);
                            orders.add(id);
                            terminal.await(id, Duration.ofSeconds(drainTimeout));
                        } catch (Exception e) {
                            failed.increment();
                            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            allOrders.addAll(orders);
            awaitTerminal(orders, drainTimeout);
            CpuSampler.Usage usage = window.stop();
            OpenLoop.Result http = new OpenLoop.Result(0, ok.sum() + failed.sum(), ok.sum(), failed.sum(), 0, ok.sum(),
                    seconds, httpLatency, new java.util.TreeMap<>(failures));
            return completed("closed, " + concurrency + " in flight", http, orders, start, usage, commits);
        }
    }

    private void awaitTerminal(List<UUID> orders, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long open;
        do {
            open = count("select count(*) from orders.customer_order where order_id = any(?) "
                    + "and status not in ('CONFIRMED', 'CANCELLED', 'EXPIRED')", orders);
            if (open == 0) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        Report.log("%d orders still in flight after %d s", open, timeoutSeconds);
    }

    private Phase completed(String name, OpenLoop.Result http, List<UUID> orders, Instant start,
            CpuSampler.Usage usage, long commitsBefore) throws Exception {
        Thread.sleep(1100); // backends report their commits to pg_stat_database at most once a second
        double commitsPerOrder = orders.isEmpty() ? 0 : (double) (commits() - commitsBefore) / orders.size();
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Instant last = start;
        long completed = 0;
        try (PreparedStatement query = db.prepareStatement("""
                select min(h.changed_at), max(h.changed_at)
                from orders.order_status_change h join orders.customer_order o using (order_id)
                where order_id = any(?) and o.status in ('CONFIRMED', 'CANCELLED', 'EXPIRED')
                group by order_id""")) {
            query.setArray(1, uuids(orders));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant placed = rows.getTimestamp(1).toInstant();
                    Instant terminal = rows.getTimestamp(2).toInstant();
                    latency.recordValue(Math.max(0, Duration.between(placed, terminal).toNanos() / 1000));
                    if (terminal.isAfter(last)) {
                        last = terminal;
                    }
                    completed++;
                }
            }
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("select status, count(*) from orders.customer_order "
                + "where order_id = any(?) group by status order by 2 desc")) {
            query.setArray(1, uuids(orders));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        StringBuilder outcome = new StringBuilder();
        statuses.forEach((status, count) -> outcome.append(outcome.isEmpty() ? "" : ", ").append(count).append(' ')
                .append(status.toLowerCase()));
        double seconds = Math.max(1e-3, Duration.between(start, last).toNanos() / 1e9);
        return new Phase(name, http, orders, start, completed, latency, completed / seconds, outcome.toString(), usage,
                commitsPerOrder);
    }

    /** Transactions committed in this database so far by everyone but this generator (its queries subtracted). */
    private long commits() throws SQLException {
        long own = ownQueries.incrementAndGet();
        try (PreparedStatement query = db.prepareStatement(
                "select xact_commit from pg_stat_database where datname = current_database()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1) - own;
        }
    }

    // --- invariants ------------------------------------------------------------------------------------------------

    private Map<String, long[]> stock() throws SQLException {
        Map<String, long[]> stock = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "select product_id, available, reserved, sold from inventory.product order by product_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                stock.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3), rows.getLong(4) });
            }
        }
        return stock;
    }

    private void invariants(Report report, Map<String, long[]> before, int restock) throws Exception {
        List<UUID> orders = new ArrayList<>(allOrders);
        awaitTerminal(orders, options.integer("final-drain-timeout-s", 180));
        Map<String, long[]> after = stock();
        long inDb = count("select count(*) from orders.customer_order where order_id = any(?)", orders);
        long notTerminal = count("select count(*) from orders.customer_order where order_id = any(?) "
                + "and status not in ('CONFIRMED', 'CANCELLED', 'EXPIRED')", orders);
        long confirmedWithoutPayment = count("""
                select count(*) from orders.customer_order o where o.order_id = any(?) and o.status = 'CONFIRMED'
                and (select count(*) from payments.payment p where p.order_id = o.order_id and p.status = 'AUTHORIZED'
                     and p.amount = o.total and p.currency = o.currency) <> 1""", orders);
        long cancelledButCharged = count("""
                select count(*) from orders.customer_order o where o.order_id = any(?) and o.status <> 'CONFIRMED'
                and exists (select 1 from payments.payment p where p.order_id = o.order_id and p.status = 'AUTHORIZED')""",
                orders);
        long reservationsOpen = count("select count(*) from inventory.reservation r where r.order_id = any(?) "
                + "and r.status = 'RESERVED'", orders);
        Map<String, Long> soldByOrders = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("""
                select l.product_id, sum(l.quantity) from orders.order_line l join orders.customer_order o using (order_id)
                where o.order_id = any(?) and o.status = 'CONFIRMED' group by l.product_id""")) {
            query.setArray(1, uuids(orders));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    soldByOrders.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
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
        record Check(String what, boolean ok, String detail) {
        }
        List<Check> checks = List.of(
                new Check("every accepted order is stored", inDb == orders.size(), inDb + " of " + orders.size()),
                new Check("every order is terminal", notTerminal == 0, notTerminal + " not terminal"),
                new Check("stock conserved: available + reserved + sold = before + restocked", conservedViolations == 0,
                        conservedViolations + " products off"),
                new Check("nothing left reserved (reserved = 0, no open reservation)",
                        reservedLeft == 0 && reservationsOpen == 0,
                        reservedLeft + " units reserved, " + reservationsOpen + " open reservations"),
                new Check("units sold = units of confirmed orders, per product", soldMismatch == 0,
                        soldMismatch + " products off"),
                new Check("confirmed ⇒ exactly one AUTHORIZED payment of its total", confirmedWithoutPayment == 0,
                        confirmedWithoutPayment + " violations"),
                new Check("not confirmed ⇒ no AUTHORIZED payment left", cancelledButCharged == 0,
                        cancelledButCharged + " violations"));
        report.line("Invariants over all " + orders.size() + " orders of the run:").line("")
                .header("invariant", "result", "detail");
        boolean all = true;
        for (Check check : checks) {
            report.row(check.what(), check.ok() ? "PASS" : "**FAIL**", check.detail());
            all &= check.ok();
        }
        report.line("").figure("saga.invariants", all ? "PASS" : "FAIL").figure("saga.orders", orders.size());
    }

    private long count(String sql, List<UUID> orders) throws SQLException {
        ownQueries.incrementAndGet();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, uuids(orders));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Array uuids(List<UUID> orders) throws SQLException {
        synchronized (orders) {
            return db.createArrayOf("uuid", orders.toArray());
        }
    }
}
