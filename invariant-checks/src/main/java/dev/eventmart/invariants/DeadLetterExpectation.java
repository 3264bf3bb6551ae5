package dev.eventmart.invariants;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the dead-letter topics may hold at the end of a run (invariant 6): nothing on a clean run, what a scenario
 * sent on purpose, or exactly the poison a fault harness injected. A caller that knows more about its records than
 * their number (the fault harness marks each one) judges them itself.
 */
@FunctionalInterface
public interface DeadLetterExpectation {

    /** The verdict on every committed record of every dead-letter topic, by topic (empty lists included). */
    Judgement judge(Map<String, List<ConsumerRecord<byte[], byte[]>>> records);

    /** Whether the records are as expected, and what they were. */
    record Judgement(boolean ok, String detail) {
    }

    /** Every dead-letter topic empty: a clean run. */
    static DeadLetterExpectation none() {
        return counts(Map.of());
    }

    /** Exactly {@code expected} records on each topic it names, none on any other. */
    static DeadLetterExpectation counts(Map<String, Long> expected) {
        return records -> {
            Map<String, Long> found = new TreeMap<>();
            records.forEach((topic, list) -> {
                if (!list.isEmpty()) {
                    found.put(topic, (long) list.size());
                }
            });
            Map<String, Long> wanted = new TreeMap<>(expected);
            wanted.values().removeIf(count -> count == 0);
            long total = found.values().stream().mapToLong(Long::longValue).sum();
            String detail = total + " records in " + records.size() + " dead-letter topics"
                    + (found.isEmpty() ? "" : " " + describe(found)) + (found.equals(wanted) ? ""
                            : ", expected " + (wanted.isEmpty() ? "none" : describe(wanted)));
            return new Judgement(found.equals(wanted), detail);
        };
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
