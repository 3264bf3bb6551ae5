package dev.eventmart.bench;

import dev.eventmart.invariants.InvariantChecker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits until the pipeline has nothing left to do: every order terminal, every service's outbox empty, every
 * consumer group (Kafka Streams' too) caught up. An order is terminal as soon as order-service has decided; inventory,
 * notification and analytics act on that decision after it. Judging the invariants, or starting the next phase,
 * before they have would blame (or bill) the wrong moment: a run once failed "nothing left reserved" only because
 * inventory had not consumed the last confirmations yet.
 *
 * <p>Quiescent means two checks in a row, {@value #CONFIRM_MILLIS} ms apart, both clean and with no record
 * produced in between: the parts of one check run one after the other, so an event moving from an outbox to a
 * topic between them could otherwise slip through.
 */
final class Quiescence {

    private static final long CONFIRM_MILLIS = 500;
    private static final long POLL_MILLIS = 250;

    private final Database db;
    private final KafkaProbe kafka;
    private final List<String> outboxes;

    /** One look at the pipeline; lags and outboxes stay empty when orders are still open (not looked at). */
    record State(long openOrders, Map<String, Long> outboxRows, Map<String, Long> lags, long endOffsets,
            boolean looked) {

        boolean quiet() {
            return looked && openOrders == 0 && outboxTotal() == 0 && lag() == 0;
        }

        long outboxTotal() {
            return outboxRows.values().stream().mapToLong(Long::longValue).sum();
        }

        long lag() {
            return lags.values().stream().mapToLong(Long::longValue).sum();
        }

        String describe() {
            if (!looked) {
                return openOrders + " orders not terminal";
            }
            String behind = lags.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            String rows = outboxRows.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            return openOrders + " orders not terminal, " + outboxTotal() + " outbox rows" + (rows.isEmpty() ? ""
                    : " (" + rows + ")") + ", consumer lag " + lag() + (behind.isEmpty() ? "" : " (" + behind + ")")
                    + " over " + lags.size() + " groups";
        }
    }

    Quiescence(Database db, KafkaProbe kafka) throws SQLException {
        this.db = db;
        this.kafka = kafka;
        this.outboxes = db.query("select table_schema || '.' || table_name from information_schema.tables "
                + "where table_name = 'outbox_event' order by table_schema", null, row -> row.getString(1));
        Report.log("Outboxes: %s", String.join(", ", outboxes));
    }

    List<String> outboxes() {
        return outboxes;
    }

    /**
     * Orders not terminal count over the whole {@code orders.customer_order} table: bench.sh recreates the database
     * for every run, so all of it is this run's.
     */
    State check() throws Exception {
        long open = db.count("select count(*) from orders.customer_order where status not in ("
                + InvariantChecker.TERMINAL.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")");
        if (open > 0) {
            return new State(open, Map.of(), Map.of(), -1, false);
        }
        long endsBefore = kafka.endOffsets().values().stream().mapToLong(Long::longValue).sum();
        return new State(open, outboxRows(), kafka.groupLags(), endsBefore, true);
    }

    /** Rows in each outbox, read in one statement (one transaction). */
    Map<String, Long> outboxRows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (outboxes.isEmpty()) {
            return rows;
        }
        String sql = "select " + outboxes.stream().map(table -> "(select count(*) from " + table + ")")
                .collect(Collectors.joining(", "));
        db.query(sql, null, row -> {
            for (int i = 0; i < outboxes.size(); i++) {
                rows.put(outboxes.get(i).replace(".outbox_event", ""), row.getLong(i + 1));
            }
            return null;
        });
        return rows;
    }

    /** Waits up to {@code timeout} for quiescence; returns the last state seen (check {@link State#quiet()}). */
    State await(String before, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextLog = start + Duration.ofSeconds(10).toNanos();
        State state = check();
        while (true) {
            if (state.quiet()) {
                Thread.sleep(CONFIRM_MILLIS);
                State again = check();
                if (again.quiet() && again.endOffsets() == state.endOffsets()) {
                    double waited = (System.nanoTime() - start) / 1e9;
                    if (waited > 2) {
                        Report.log("Quiescent before %s after %.1f s", before, waited);
                    }
                    return again;
                }
                state = again;
                continue;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                Report.log("NOT quiescent before %s after %d s: %s", before, timeout.toSeconds(), state.describe());
                return state;
            }
            if (now > nextLog) {
                Report.log("Waiting for quiescence before %s: %s", before, state.describe());
                nextLog = now + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(POLL_MILLIS);
            state = check();
        }
    }
}
