package dev.eventmart.bench;

import dev.eventmart.invariants.InvariantChecker;
import dev.eventmart.invariants.Run;
import dev.eventmart.invariants.Units;
import dev.eventmart.invariants.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The order saga end to end, through {@code POST /api/orders}. In order: an unreported open-loop warm-up, an idle
 * baseline (what the warm stack costs with no load), then an open-loop rate ladder that stops at the first rate the saga
 * does not sustain (completed/s ≥ 98 % of offered and placed → terminal p99 &lt; 1 s), optionally a closed loop.
 * Before and after every phase the pipeline is brought to quiescence ({@link Quiescence}), so no phase inherits
 * another's backlog and each phase's costs ({@link Costs}: CPU per process, DB commits, Kafka records, broker
 * requests) cover exactly its own orders. Then the invariants over every order of the run ({@link InvariantTable}).
 */
final class SagaBench {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** The sustained-rate criterion: completed/s at least this share of offered... */
    private static final double COMPLETED_SHARE = 0.98;
    /** ...and placed → terminal p99 below this. */
    private static final long P99_LIMIT_MICROS = 1_000_000;
    private static final int MIN_CLOSED_CONCURRENCY = 256;
    /** The products ordered (and restocked first) by the saga and the fault harness. */
    static final String PRODUCTS = "P-1001,P-1002,P-1004,P-1005,P-1006,P-1007,P-1009,P-1010,P-1013,P-1019";

    private final Options options;
    private final HttpClient client = OpenLoop.client();
    private final OpenLoop.Poster poster = new OpenLoop.Poster(2000);
    private final Tokens tokens;
    private final String orderUrl;
    private final String inventoryUrl;
    private final List<String> products;
    private final double declinedShare;
    private final Set<UUID> allOrders = ConcurrentHashMap.newKeySet();
    private final Duration quiescenceTimeout;
    private Database db;
    private String autovacuum;
    private KafkaProbe kafka;
    private Costs costs;
    private Quiescence quiescence;

    private SagaBench(Options options) {
        this.options = options;
        this.tokens = new Tokens(options);
        this.orderUrl = options.string("order-url", "http://localhost:8081");
        this.inventoryUrl = options.string("inventory-url", "http://localhost:8082");
        this.products = options.strings("products", PRODUCTS);
        this.declinedShare = options.decimal("declined-share", 0.05);
        this.quiescenceTimeout = Duration.ofSeconds(options.integer("quiescence-timeout-s", 300));
    }

    static void run(Options options) throws Exception {
        new SagaBench(options).execute();
    }

    /**
     * One measured phase. {@code completedPerSecond}: orders that reached a terminal state in the phase's load
     * interval after its first {@code skipSeconds}, per second of that interval (the steady-state completion rate;
     * the tail that completes after the load stops is {@code drainSeconds}).
     */
    private record Phase(String name, String key, double offered, OpenLoop.Result http, int orders, long terminal,
            Histogram placedToTerminal, double completedPerSecond, double drainSeconds, String statuses,
            Costs.Cost cost, boolean quiet) {

        boolean passed() {
            return terminal > 0 && completedPerSecond >= COMPLETED_SHARE * offered
                    && placedToTerminal.getValueAtPercentile(99) < P99_LIMIT_MICROS;
        }
    }

    private void execute() throws Exception {
        Report report = new Report(options);
        int concurrency = options.integer("closed-concurrency", 0);
        if (concurrency > 0 && concurrency < MIN_CLOSED_CONCURRENCY) {
            throw new IllegalArgumentException("--closed-concurrency must be 0 (off) or at least "
                    + MIN_CLOSED_CONCURRENCY + ", was " + concurrency);
        }
        db = new Database(options);
        kafka = new KafkaProbe(options);
        BrokerMetrics broker = new BrokerMetrics(options);
        CpuSampler cpu = new CpuSampler(options);
        costs = new Costs(cpu, db, kafka, broker);
        quiescence = new Quiescence(db, kafka);
        InvariantChecker invariants = InvariantTable.checker(options, tokens);
        Duration duration = Duration.ofSeconds(options.integer("duration-s", 60));

        Map<String, Units> stockBefore = invariants.stock();
        int restock = options.integer("restock", 100_000);
        for (String product : products) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(inventoryUrl + "/api/products/"
                    + product + "/restock")).header("Content-Type", "application/json")
                    .header("Authorization", tokens.bearer(Tokens.STAFF)).POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": " + restock + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("restock " + product + " answered " + response.statusCode() + " "
                        + response.body());
            }
        }
        Report.log("Restocked %d products by %d units each", products.size(), restock);
        awaitCatalog();

        // Warm-up (not reported; its orders are part of the invariants): five JVMs share the machine, and their JIT
        // compiles the hot paths in the first minute of load.
        int warmupSeconds = options.integer("warmup-s", 60);
        double warmupRate = options.decimal("warmup-rate", 50);
        if (warmupSeconds > 0) {
            Report.log("Warm-up: open loop, %.0f orders/s for %d s (not reported)", warmupRate, warmupSeconds);
            Phase warmup = openLoop("warm-up", "warmup", warmupRate, Duration.ofSeconds(warmupSeconds));
            Report.log("Warm-up done: completed %.1f/s, placed → terminal p99 %s ms", warmup.completedPerSecond(),
                    Report.pct(warmup.placedToTerminal(), 99));
        }

        // Idle baseline: at low rates the stack's cost with nothing to do is most of the CPU per order. Taken after
        // the warm-up, so it is the warm stack's: right after start-up the JIT compilers still ran (the broker alone
        // used 12-14 % of a core then).
        int idleSeconds = options.integer("idle-s", 20);
        quiescence.await("the idle baseline", quiescenceTimeout);
        Report.log("Idle baseline: %d s with no load", idleSeconds);
        Costs.Window idleWindow = costs.start();
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        Costs.Cost idle = idleWindow.stop();

        List<Phase> phases = new ArrayList<>();
        Phase sustained = null;
        Phase failed = null;
        List<Double> rates = options.decimals("rates", "100,200,300,500,750,1000,1500");
        for (double rate : rates) {
            Report.log("Open loop: %.0f orders/s for %d s", rate, duration.toSeconds());
            Phase phase = openLoop(Report.num(rate) + "/s open", Long.toString(Math.round(rate)), rate, duration);
            phases.add(phase);
            Report.log("%s: completed %.1f/s (%.1f %% of offered), placed → terminal p99 %s ms, %s ms CPU/order (all "
                    + "processes): %s", phase.name(), phase.completedPerSecond(),
                    100 * phase.completedPerSecond() / rate, Report.pct(phase.placedToTerminal(), 99),
                    Report.fixed(cpuMsPerOrder(phase, null), 1), phase.passed() ? "PASS" : "FAIL");
            if (!phase.passed()) {
                failed = phase;
                break; // every higher rate fails too, and only grows a backlog
            }
            sustained = phase;
        }
        List<Double> notRun = failed == null ? List.of() : rates.subList(phases.size(), rates.size());
        if (concurrency > 0) {
            Report.log("Closed loop: %d orders in flight for %d s", concurrency, duration.toSeconds());
            phases.add(closedLoop(concurrency, duration));
        }

        List<UUID> orders = new ArrayList<>(allOrders);
        Quiescence.State quiet = quiescence.await("the invariants", quiescenceTimeout);
        Verdict verdict = invariants.check(Run.of(orders, stockBefore).withRestocked(InvariantTable.restocked(products, restock)));

        writeMethod(report, duration, warmupSeconds, warmupRate, concurrency);
        writeIdle(report, idle, idleSeconds);
        writePhases(report, phases);
        writeCosts(report, phases, idle);
        writeSustained(report, sustained, failed, notRun, rates);
        writeInvariants(report, orders.size(), verdict, quiet);
        report.write();
        poster.close();
        broker.close();
        kafka.close();
        db.close();
    }

    /**
     * Does what autovacuum would have done by now, when the server runs without it (this machine's PostgreSQL does):
     * a run starts from empty tables, and without statistics gathered since, the planner still believes them tiny
     * and reads a poll's order lines, status history and reservations with sequential scans of the whole table
     * (measured: about 5 ms a query at 9,000 orders instead of 0.05 ms through the primary key). A production server
     * analyzes a table after 10 % of its rows changed. Runs between phases, outside every measured window; the
     * report says whether it ran.
     */
    private void standInForAutovacuum() throws Exception {
        if (autovacuum == null) {
            autovacuum = db.setting("autovacuum");
        }
        if (!"on".equals(autovacuum)) {
            long start = System.nanoTime();
            db.execute("vacuum (analyze, skip_locked)");
            // Backends report their commits to pg_stat_database at most once a second; keep the vacuum's out of the
            // next window's count.
            Thread.sleep(1_500);
            Report.log("Server runs without autovacuum: vacuumed and analyzed the database in %d ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    // --- load --------------------------------------------------------------------------------------------------------

    private OpenLoop.Post order(int index) {
        String product = products.get(Math.floorMod(index * 7919, products.size()));
        String token = (index % 100) < Math.round(declinedShare * 100) ? "tok_chargeDeclined" : "tok_visa";
        String body = """
                {"customerId":"bench-%d","customerEmail":"bench-%d@example.com","currency":"EUR","paymentToken":"%s",
                 "shippingAddress":{"street":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"US"},
                 "items":[{"productId":"%s","quantity":%d}]}""".formatted(index % 1000, index % 1000, token, product,
                1 + index % 2);
        // Staff place each order for its bench customer: one token for the whole load, as a storefront's backend would.
        return new OpenLoop.Post(URI.create(orderUrl + "/api/orders"), body, tokens.bearer(Tokens.STAFF));
    }

    private static UUID orderId(OpenLoop.Response response) {
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
            OpenLoop.Response response = poster.post(order(1));
            if (response.status() == 202) {
                allOrders.add(orderId(response));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("order-service does not accept orders: " + response.status() + " "
                        + response.body());
            }
            Thread.sleep(500);
        }
    }

    /**
     * Orders due at {@code rate} for {@code duration} whatever the answers, from a quiescent pipeline; the phase
     * ends (and its costs are taken) once the pipeline is quiescent again.
     */
    private Phase openLoop(String name, String key, double rate, Duration duration) throws Exception {
        quiescence.await(name, quiescenceTimeout);
        if (!"warmup".equals(key)) {
            standInForAutovacuum();
        }
        List<UUID> orders = Collections.synchronizedList(new ArrayList<>());
        Costs.Window window = costs.start();
        Instant start = Instant.now();
        OpenLoop.Result http = OpenLoop.run(poster, rate, duration, 2000, this::order, (index, response) -> {
            orders.add(orderId(response));
            return 1;
        });
        allOrders.addAll(orders);
        Quiescence.State after = quiescence.await("the end of " + name, quiescenceTimeout);
        Costs.Cost cost = window.stop();
        return completed(name, key, rate, http, orders, start, duration, cost, after.quiet());
    }

    /**
     * Keeps {@code concurrency} orders in flight: each worker places an order and waits for its terminal event
     * ({@code order.order.confirmed/cancelled/expired}, keyed by order id), then places the next. The events are
     * read from Kafka rather than by polling the database, so the generator adds no queries to PostgreSQL's load.
     */
    private Phase closedLoop(int concurrency, Duration duration) throws Exception {
        String name = "closed, " + concurrency + " in flight";
        quiescence.await(name, quiescenceTimeout);
        standInForAutovacuum();
        List<UUID> orders = Collections.synchronizedList(new ArrayList<>());
        Histogram httpLatency = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder failedCount = new LongAdder();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        try (TerminalEvents terminal = TerminalEvents.start(options.string("bootstrap-servers", "localhost:9092"))) {
            Costs.Window window = costs.start();
            long terminalFetches = terminal.fetchRequests();
            Instant start = Instant.now();
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
                            OpenLoop.Response response = poster.post(order(worker * 1_000_003 + i++));
                            httpLatency.recordValue((System.nanoTime() - sent) / 1000);
                            if (response.status() != 202) {
                                failedCount.increment();
                                failures.merge("HTTP " + response.status(), 1L, Long::sum);
                                continue;
                            }
                            ok.increment();
                            UUID id = orderId(response);
                            orders.add(id);
                            terminal.await(id, quiescenceTimeout);
                        } catch (Exception e) {
                            failedCount.increment();
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
            kafka.addOwnFetchRequests(terminal.fetchRequests() - terminalFetches);
            Quiescence.State after = quiescence.await("the end of " + name, quiescenceTimeout);
            Costs.Cost cost = window.stop();
            OpenLoop.Result http = new OpenLoop.Result(0, ok.sum() + failedCount.sum(), ok.sum(), failedCount.sum(),
                    0, ok.sum(), seconds, httpLatency, new TreeMap<>(failures));
            // offered = what it placed: the criterion does not apply to a closed loop.
            return completed(name, "closed", http.achievedRate(), http, orders, start, duration, cost, after.quiet());
        }
    }

    private Phase completed(String name, String key, double offered, OpenLoop.Result http, List<UUID> orders,
            Instant start, Duration duration, Costs.Cost cost, boolean quiet) throws Exception {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        double skip = Math.min(5, duration.toSeconds() / 4.0);
        Instant windowFrom = start.plusMillis(Math.round(skip * 1000));
        Instant windowTo = start.plus(duration);
        long[] counts = new long[2]; // terminal, terminal within [windowFrom, windowTo]
        Instant[] last = { start };
        db.query("""
                select min(h.changed_at), max(h.changed_at)
                from orders.order_status_change h join orders.customer_order o using (order_id)
                where order_id = any(?) and o.status in ('CONFIRMED', 'CANCELLED', 'EXPIRED')
                group by order_id""", orders, row -> {
            Instant placed = row.getTimestamp(1).toInstant();
            Instant terminal = row.getTimestamp(2).toInstant();
            latency.recordValue(Math.max(0, Duration.between(placed, terminal).toNanos() / 1000));
            if (terminal.isAfter(last[0])) {
                last[0] = terminal;
            }
            counts[0]++;
            if (!terminal.isBefore(windowFrom) && !terminal.isAfter(windowTo)) {
                counts[1]++;
            }
            return null;
        });
        Map<String, Long> statuses = new LinkedHashMap<>();
        db.query("select status, count(*) from orders.customer_order where order_id = any(?) group by status "
                + "order by 2 desc", orders, row -> statuses.put(row.getString(1), row.getLong(2)));
        StringBuilder outcome = new StringBuilder();
        statuses.forEach((status, count) -> outcome.append(outcome.isEmpty() ? "" : ", ").append(count).append(' ')
                .append(status.toLowerCase(Locale.ROOT)));
        double completedPerSecond = counts[1] / (duration.toNanos() / 1e9 - skip);
        double drain = Math.max(0, Duration.between(windowTo, last[0]).toMillis() / 1000.0);
        return new Phase(name, key, offered, http, orders.size(), counts[0], latency, completedPerSecond, drain,
                outcome.toString(), cost, quiet);
    }

    // --- report ------------------------------------------------------------------------------------------------------

    /** Figure key of a process: {@code order-service} → {@code order_service}, {@code load generator} → ... */
    private static String keyOf(String process) {
        return process.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** The processes measured, in the sampler's order, without the machine total. */
    private static List<String> processes(Costs.Cost cost) {
        return cost.usage().seconds().keySet().stream().filter(name -> !name.equals(CpuSampler.MACHINE)).toList();
    }

    /** CPU ms per order of one process, or of all processes together when {@code process} is null. */
    private static double cpuMsPerOrder(Phase phase, String process) {
        if (phase.orders() == 0) {
            return 0;
        }
        double seconds = process == null ? phase.cost().allSeconds() : phase.cost().usage().seconds(process);
        return 1000 * seconds / phase.orders();
    }

    private static String perOrder(long count, int orders) {
        return orders == 0 ? "–" : Report.fixed((double) count / orders, 1);
    }

    private void writeMethod(Report report, Duration duration, int warmupSeconds, double warmupRate,
            int concurrency) {
        report.line("### Saga: orders through POST /api/orders to a terminal state").line("")
                .line("Method: a " + warmupSeconds + " s open-loop warm-up at "
                        + Report.num(warmupRate) + " orders/s (not reported; its orders count in the invariants), "
                        + "an idle baseline, then an open-loop rate ladder of " + duration.toSeconds() + " s per rate that stops at the "
                        + "first rate failing the criterion: completed/s ≥ " + Math.round(COMPLETED_SHARE * 100)
                        + " % of offered and placed → terminal p99 < " + P99_LIMIT_MICROS / 1000 + " ms. "
                        + (concurrency > 0 ? "Then a closed loop with " + concurrency + " orders in flight. " : "")
                        + "Before and after every phase the pipeline is brought to quiescence (every order terminal, "
                        + "every outbox empty, every consumer group's lag 0), so no phase inherits a backlog and each "
                        + "phase's costs run from its start until its last event has been handled. Open loop: orders "
                        + "are due at a fixed rate whatever the answers; HTTP latency counts from when each was due. "
                        + "placed → terminal: first to last `statusHistory` step. Completed/s: orders that reached a "
                        + "terminal state during the phase's load, after its first few seconds (a quarter, at most 5 s), "
                        + "per second; \"drained after\": how long after the load stopped the last order ended. "
                        + Math.round(declinedShare * 100) + " % of orders use a declined card (compensation path).")
                .line("");
        writeAuthentication(report);
    }

    /**
     * What security costs per request: every request carries a staff token (fetched once, renewed before it
     * expires), and the service verifies its RS256 signature before anything else; that verification is part of
     * order-service's CPU per order.
     */
    private void writeAuthentication(Report report) {
        try {
            double micros = tokens.verificationCost(Tokens.STAFF, 5_000);
            report.line("Authentication: every request carries an OAuth2 access token from identity-service (client "
                    + "credentials of `" + Tokens.STAFF + "`; " + tokens.fetchSummary() + "). Each service verifies "
                    + "it on every request: one RS256 signature check costs " + Report.num(micros) + " µs of CPU on "
                    + "this machine (5,000 checks in the load generator's JVM). An order takes one HTTP request, so "
                    + "it pays that once, in order-service's CPU in the cost table below; the hops between services "
                    + "go through Kafka and carry no token.")
                    .line("");
        }
        catch (Exception ex) {
            throw new IllegalStateException("measuring the token verification cost failed", ex);
        }
    }

    private void writeIdle(Report report, Costs.Cost idle, int idleSeconds) {
        report.line("Idle baseline: " + idleSeconds + " s with no load, after the warm-up (every JVM compiled its hot "
                + "paths):").line("").header("process", "idle CPU (% of one core)");
        for (String process : processes(idle)) {
            report.row(process, Report.fixed(idle.usage().percentOfCore(process), 1));
            report.figure("saga.idle." + keyOf(process) + "_pct", Report.fixed(idle.usage().percentOfCore(process), 1));
        }
        double all = 100 * idle.allSeconds() / idle.wallSeconds();
        report.row("**all processes**", "**" + Report.fixed(all, 1) + "**");
        report.row("machine (every process, " + idle.usage().cores() + " cores)",
                Report.fixed(idle.usage().percentOfCore(CpuSampler.MACHINE), 1));
        report.figure("saga.idle.all_pct", Report.fixed(all, 1));
        double seconds = idle.wallSeconds();
        String fetches = idle.requests().map(r -> Report.fixed(r.fetch() / seconds, 1)).orElse("n/a");
        String produces = idle.requests().map(r -> Report.fixed(r.produce() / seconds, 1)).orElse("n/a");
        String requests = idle.requests().map(r -> Report.fixed(r.all() / seconds, 1)).orElse("n/a");
        report.line("").line("Idle, per second: " + fetches + " broker fetch requests, " + produces + " produce "
                + "requests, " + requests + " broker requests of all kinds, "
                + Report.fixed(idle.records() / seconds, 1) + " Kafka records, "
                + Report.fixed(idle.commits() / seconds, 1) + " DB commits.").line("");
        report.figure("saga.idle.fetches_per_s", fetches).figure("saga.idle.produces_per_s", produces)
                .figure("saga.idle.broker_requests_per_s", requests)
                .figure("saga.idle.records_per_s", Report.fixed(idle.records() / seconds, 1))
                .figure("saga.idle.commits_per_s", Report.fixed(idle.commits() / seconds, 1));
    }

    private void writePhases(Report report, List<Phase> phases) {
        report.header("phase", "offered/s", "placed/s", "completed/s", "criterion", "HTTP p50 ms", "HTTP p99 ms",
                "placed→terminal p50 ms", "p95 ms", "p99 ms", "max ms", "drained after s", "failures", "outcomes");
        for (Phase phase : phases) {
            boolean closed = phase.key().equals("closed");
            report.row(phase.name(), closed ? "–" : Report.num(phase.offered()), Report.num(phase.http().achievedRate()),
                    Report.num(phase.completedPerSecond()), closed ? "–" : phase.passed() ? "PASS" : "**FAIL**",
                    Report.pct(phase.http().latencyMicros(), 50), Report.pct(phase.http().latencyMicros(), 99),
                    Report.pct(phase.placedToTerminal(), 50), Report.pct(phase.placedToTerminal(), 95),
                    Report.pct(phase.placedToTerminal(), 99), Report.max(phase.placedToTerminal()),
                    Report.fixed(phase.drainSeconds(), 1), phase.http().failureSummary(), phase.statuses()
                            + (phase.quiet() ? "" : " (**not quiescent after**)"));
            String key = "saga." + phase.key();
            report.figure(key + ".placed_per_s", Report.fixed(phase.http().achievedRate(), 1))
                    .figure(key + ".completed_per_s", Report.fixed(phase.completedPerSecond(), 1))
                    .figure(key + ".http_p50_ms", Report.pct(phase.http().latencyMicros(), 50))
                    .figure(key + ".http_p99_ms", Report.pct(phase.http().latencyMicros(), 99))
                    .figure(key + ".terminal_p50_ms", Report.pct(phase.placedToTerminal(), 50))
                    .figure(key + ".terminal_p95_ms", Report.pct(phase.placedToTerminal(), 95))
                    .figure(key + ".terminal_p99_ms", Report.pct(phase.placedToTerminal(), 99))
                    .figure(key + ".terminal_max_ms", Report.max(phase.placedToTerminal()))
                    .figure(key + ".orders", phase.orders());
            if (!closed) {
                report.figure(key + ".criterion", phase.passed() ? "PASS" : "FAIL");
            }
        }
        report.line("");
    }

    private void writeCosts(Report report, List<Phase> phases, Costs.Cost idle) {
        if (phases.isEmpty()) {
            return;
        }
        List<String> processes = processes(phases.getFirst().cost());
        List<String> header = new ArrayList<>(List.of("phase", "orders"));
        processes.forEach(process -> header.add(process + " ms"));
        header.addAll(List.of("**all processes ms**", "of which idle cost ms", "machine ms", "machine busy",
                "DB commits", "Kafka records", "of which Streams-internal", "broker fetch requests",
                "broker produce requests", "broker offset commits", "broker requests, all kinds"));
        report.line("Per order, from the phase's start until the pipeline was quiescent again (CPU in ms per order "
                + "per process):").line("").header(header.toArray(String[]::new));
        double idleAllPerSecond = idle.allSeconds() / idle.wallSeconds();
        for (Phase phase : phases) {
            Costs.Cost cost = phase.cost();
            int orders = phase.orders();
            List<Object> row = new ArrayList<>(List.of(phase.name(), orders));
            String key = "saga." + phase.key();
            for (String process : processes) {
                double ms = cpuMsPerOrder(phase, process);
                row.add(Report.fixed(ms, 2));
                report.figure(key + ".cpu_ms_per_order." + keyOf(process), Report.fixed(ms, 2));
            }
            double all = cpuMsPerOrder(phase, null);
            // What the idle baseline alone costs per order at this rate: its CPU per second over orders per second.
            double idleShare = orders == 0 ? 0 : 1000 * idleAllPerSecond * cost.wallSeconds() / orders;
            double machine = orders == 0 ? 0 : 1000 * cost.usage().seconds(CpuSampler.MACHINE) / orders;
            // Busy share of every core over the phase: near 100 % the machine is saturated, and the CPU per order
            // then only says how many orders the cores could take, not what an order costs (see the note below).
            double busy = 100 * cost.usage().seconds(CpuSampler.MACHINE)
                    / (cost.wallSeconds() * cost.usage().cores());
            String fetches = cost.requests().map(r -> perOrder(r.fetch(), orders)).orElse("n/a");
            String produces = cost.requests().map(r -> perOrder(r.produce(), orders)).orElse("n/a");
            String offsetCommits = cost.requests().map(r -> perOrder(r.offsetCommit(), orders)).orElse("n/a");
            String requests = cost.requests().map(r -> perOrder(r.all(), orders)).orElse("n/a");
            row.addAll(List.of("**" + Report.fixed(all, 2) + "**", Report.fixed(idleShare, 2),
                    Report.fixed(machine, 2), Report.fixed(busy, 0) + " %", perOrder(cost.commits(), orders),
                    perOrder(cost.records(), orders), perOrder(cost.records(kafka::isStreamsInternal), orders),
                    fetches, produces, offsetCommits, requests));
            report.row(row.toArray());
            report.figure(key + ".cpu_ms_per_order.all", Report.fixed(all, 2))
                    .figure(key + ".cpu_ms_per_order.idle_share", Report.fixed(idleShare, 2))
                    .figure(key + ".cpu_ms_per_order.machine", Report.fixed(machine, 2))
                    .figure(key + ".commits_per_order", perOrder(cost.commits(), orders))
                    .figure(key + ".records_per_order", perOrder(cost.records(), orders))
                    .figure(key + ".streams_records_per_order", perOrder(cost.records(kafka::isStreamsInternal), orders))
                    .figure(key + ".machine_busy_pct", Report.fixed(busy, 0))
                    .figure(key + ".fetches_per_order", fetches)
                    .figure(key + ".produces_per_order", produces)
                    .figure(key + ".offset_commits_per_order", offsetCommits)
                    .figure(key + ".broker_requests_per_order", requests);
        }
        report.line("").line("CPU: utime + stime from /proc of each service JVM, the broker, every PostgreSQL "
                + "process and this load generator; \"all processes\" is their sum, \"of which idle cost\" what the "
                + "idle baseline alone comes to per order at the phase's rate and duration, \"machine\" the busy time "
                + "of all cores (anything else running here included). DB commits: `pg_stat_database.xact_commit`, "
                + "this generator's own queries subtracted. Kafka records: end offsets of every non-internal topic "
                + "(Kafka Streams' changelog and repartition topics included) after minus before, so transaction "
                + "markers count as records (one per partition per exactly-once commit). Broker requests: "
                + "`kafka.network:type=RequestMetrics,name=RequestsPerSec` `Count` over JMX (fetch, produce, "
                + "offset commit, and every kind together: heartbeats, metadata, Streams' transactions...), this "
                + "generator's own fetches subtracted; n/a when JMX was unreachable. Machine busy: the cores' busy "
                + "time over the phase. **A phase near 100 % busy is saturated**: work queues, each poll and "
                + "transaction carries more events, and the CPU per order falls to about the cores' capacity "
                + "divided by the rate whatever the code costs; compare changes at a rate the machine takes with "
                + "room to spare.").line("");
    }

    private void writeSustained(Report report, Phase sustained, Phase failed, List<Double> notRun,
            List<Double> rates) {
        String text;
        if (failed == null) {
            text = sustained == null ? "**Sustained: no rate run.**" : "**Sustained: highest passing rate "
                    + Report.num(sustained.offered()) + " orders/s**; every rate of the ladder passed.";
        } else {
            text = (sustained == null ? "**Sustained: none, already the first rate of the ladder failed**: "
                    : "**Sustained: highest passing rate " + Report.num(sustained.offered()) + " orders/s**; ")
                    + Report.num(failed.offered()) + "/s failed (completed " + Report.num(failed.completedPerSecond())
                    + "/s = " + Report.fixed(100 * failed.completedPerSecond() / failed.offered(), 1)
                    + " % of offered, placed → terminal p99 " + Report.pct(failed.placedToTerminal(), 99) + " ms)"
                    + (notRun.isEmpty() ? "." : "; not run: " + String.join(", ", notRun.stream()
                            .map(rate -> Report.num(rate) + "/s").toList()) + ".");
            report.figure("saga.first_failing_per_s", Report.fixed(failed.offered(), 0));
        }
        report.line(text).line("");
        report.figure("saga.sustained_per_s", sustained == null ? "0" : Report.fixed(sustained.offered(), 0))
                .figure("saga.rates", String.join(",", rates.stream().map(r -> Report.fixed(r, 0)).toList()));
    }

    private void writeInvariants(Report report, int orders, Verdict verdict, Quiescence.State quiet) {
        report.line("Invariants over all " + orders + " orders of the run (warm-up included), judged after "
                + "quiescence:").line("");
        boolean all = InvariantTable.write(report, "saga", quiet, verdict);
        report.line("").figure("saga.quiescent", quiet.quiet() ? "yes" : "no")
                .figure("saga.invariants", all ? "PASS" : "FAIL").figure("saga.orders", orders);
    }
}
