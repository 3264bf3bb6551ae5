package dev.eventmart.bench;

import dev.eventmart.invariants.Check;
import dev.eventmart.invariants.InvariantChecker;
import dev.eventmart.invariants.Sources;
import dev.eventmart.invariants.Verdict;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saga benchmark's and the fault harness's side of the invariants: the shared {@link InvariantChecker} pointed at
 * the run's database, broker and analytics-service, and its verdict as a table of the report, one row per check with
 * the invariant it belongs to, PASS or FAIL. A fast saga that loses an order, a reservation, a notification or a euro
 * of revenue has not been measured, only broken: the table says whether the figures are worth anything.
 */
final class InvariantTable {

    private InvariantTable() {
    }

    /** The checker for {@code --db-url}, {@code --bootstrap-servers} and {@code --analytics-url}, reading as staff. */
    static InvariantChecker checker(Options options, Tokens tokens) {
        return new InvariantChecker(new Sources(options.required("db-url"), options.string("db-user", "postgres"),
                options.string("db-password", ""), options.string("bootstrap-servers", "localhost:9092"),
                URI.create(options.string("analytics-url", "http://localhost:8085")),
                () -> tokens.bearer(Tokens.STAFF)));
    }

    /** What the saga and the fault harness add before their load: {@code restock} units to each product. */
    static Map<String, Long> restocked(List<String> products, int restock) {
        Map<String, Long> units = new LinkedHashMap<>();
        products.forEach(product -> units.put(product, (long) restock));
        return units;
    }

    /**
     * Writes the table: first whether the pipeline was quiescent when judged (a verdict on a moving pipeline reads
     * a moment, not a result), then every check; and a figure {@code <figures>.invariant.<n>} per invariant.
     * Returns whether everything passed.
     */
    static boolean write(Report report, String figures, Quiescence.State quiet, Verdict verdict) {
        report.header("invariant", "check", "result", "detail");
        report.row("–", "pipeline quiescent before judging (orders terminal, outboxes empty, consumer lag 0)",
                quiet.quiet() ? "PASS" : "**FAIL**", quiet.describe());
        for (Check check : verdict.checks()) {
            report.row(check.invariant(), check.what(), check.ok() ? "PASS" : "**FAIL**", check.detail());
            Report.log("Invariant %d %s: %s (%s)", check.invariant(), check.result(), check.what(), check.detail());
        }
        verdict.byInvariant().forEach((invariant, ok) -> report.figure(figures + ".invariant." + invariant, ok ? "PASS"
                : "FAIL"));
        return quiet.quiet() && verdict.passed();
    }
}
