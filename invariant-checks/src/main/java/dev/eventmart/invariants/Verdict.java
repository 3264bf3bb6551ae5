package dev.eventmart.invariants;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every check of one judgement over {@code orders} orders. */
public record Verdict(int orders, List<Check> checks) {

    public boolean passed() {
        return checks.stream().allMatch(Check::ok);
    }

    public List<Check> failures() {
        return checks.stream().filter(check -> !check.ok()).toList();
    }

    /** Whether each invariant, 1 to 6, passed all of its checks. */
    public Map<Integer, Boolean> byInvariant() {
        return checks.stream().collect(Collectors.toMap(Check::invariant, Check::ok, Boolean::logicalAnd,
                TreeMap::new));
    }

    @Override
    public String toString() {
        return checks.stream().map(Check::toString)
                .collect(Collectors.joining("\n", "invariants over " + orders + " orders:\n", ""));
    }
}
