package dev.eventmart.bench;

import dev.eventmart.invariants.Run;
import dev.eventmart.invariants.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fault harness's judge ({@code scripts/chaos.sh}): once the load is done and every fault is over, waits for the
 * pipeline to settle, then checks the invariants over every order a customer was given ({@link InvariantTable}, with
 * the dead-letter topics holding exactly the injected poison) and writes the table: each fault with when it
 * happened, how long it lasted and how long the saga took to recover from it, the orders by outcome, and the
 * invariants. Exits with 1 when anything is violated.
 *
 * <p>Recovery after a fault: from the fault's end until every order accepted before that end was terminal (0 when
 * none was still open then). It covers what the fault held up: placements retried by their customers, events
 * waiting in an outbox or behind a dead consumer, and the expiries the fault caused.
 */
final class ChaosCheck {

    private ChaosCheck() {
    }

    record Fault(String name, long startMillis, long endMillis) {
    }

    static void run(Options options) throws Exception {
        List<UUID> orders = Files.readAllLines(Path.of(options.required("ids")), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(UUID::fromString).distinct().toList();
        StockFile stock = StockFile.read(Path.of(options.required("stock")));
        List<Fault> faults = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(options.required("faults")), StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) {
                faults.add(new Fault(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            }
        }
        long loadStart = Long.parseLong(options.required("load-start-ms"));
        int expectedOrders = options.integer("orders", orders.size());
        Report report = new Report(options);
        try (Database db = new Database(options); KafkaProbe kafka = new KafkaProbe(options)) {
            Quiescence quiescence = new Quiescence(db, kafka);
            Quiescence.State quiet = quiescence.await("the invariants",
                    Duration.ofSeconds(options.integer("quiescence-timeout-s", 1800)));
            Verdict verdict = InvariantTable.checker(options, new Tokens(options)).check(Run.of(orders,
                    stock.before()).withRestocked(InvariantTable.restocked(options.strings("products",
                            SagaBench.PRODUCTS), stock.restock())).expectingDeadLetters(Poison.expectation(
                                    Path.of(options.required("poison")))));

            report.line("### Faults injected").line("")
                    .header("fault", "at (s after the load began)", "lasted s", "recovered after s");
            for (Fault fault : faults) {
                double recovery = recovery(db, orders, fault);
                report.row(fault.name(), Report.fixed((fault.startMillis() - loadStart) / 1000.0, 0),
                        Report.fixed((fault.endMillis() - fault.startMillis()) / 1000.0, 1),
                        recovery < 0 ? "not terminal" : Report.fixed(recovery, 1));
                report.figure("chaos.recovery_s." + fault.name(), Report.fixed(recovery, 1));
            }
            report.line("").line("Recovered after: from the fault's end until every order accepted before it was "
                    + "terminal.").line("");

            report.line("### Orders").line("").header("outcome", "orders");
            report.row("placed by the customers (each retried until accepted)", expectedOrders);
            report.row("accepted (distinct order ids)", orders.size());
            db.query("""
                    select status || coalesce(' (' || reason || ')', ''), count(*) from orders.customer_order
                    where order_id = any(?) group by 1 order by 2 desc""", orders, row -> {
                report.row(row.getString(1), row.getLong(2));
                return null;
            });
            report.line("");

            report.line("### Invariants over every order, judged after quiescence").line("");
            boolean all = InvariantTable.write(report, "chaos", quiet, verdict) && orders.size() == expectedOrders;
            long violations = verdict.failures().size() + (quiet.quiet() ? 0 : 1);
            report.line("").line("**" + (all ? "0 violations" : violations + " invariants violated") + " over "
                    + orders.size() + " orders.**").line("");
            report.figure("chaos.orders", orders.size()).figure("chaos.invariants", all ? "PASS" : "FAIL");
            report.write();
            if (!all) {
                System.exit(1);
            }
        }
    }

    private static double recovery(Database db, List<UUID> orders, Fault fault) throws Exception {
        List<Double> last = db.query("""
                select extract(epoch from max(updated_at)) * 1000, count(*) filter (where status not in
                ('CONFIRMED', 'CANCELLED', 'EXPIRED')) from orders.customer_order
                where order_id = any(?) and created_at < to_timestamp(%d / 1000.0)""".formatted(fault.endMillis()),
                orders, row -> row.getLong(2) > 0 ? -1.0 : row.getDouble(1));
        double lastTerminal = last.getFirst();
        if (lastTerminal < 0) {
            return -1;
        }
        return Math.max(0, (lastTerminal - fault.endMillis()) / 1000.0);
    }
}
