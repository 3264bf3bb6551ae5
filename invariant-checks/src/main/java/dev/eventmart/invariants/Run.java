package dev.eventmart.invariants;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a judgement covers and what it expects.
 *
 * @param orders the orders placed through order-service in the run; each must be stored there
 * @param announced orders order-service never stored, whose events the caller sent as order-service would, with the
 *        outcome it sent (an end-to-end test of reordered delivery does)
 * @param stockBefore every product's stock when the run began ({@link InvariantChecker#stock()})
 * @param restocked units added to products during the run, by product
 * @param deadLetters what the dead-letter topics may hold
 */
public record Run(List<UUID> orders, Map<UUID, String> announced, Map<String, Units> stockBefore,
        Map<String, Long> restocked, DeadLetterExpectation deadLetters) {

    public Run {
        orders = List.copyOf(orders);
        announced = Map.copyOf(announced);
        stockBefore = Map.copyOf(stockBefore);
        restocked = Map.copyOf(restocked);
    }

    /** The orders of a clean run: nothing announced, nothing restocked, no dead letters. */
    public static Run of(Collection<UUID> orders, Map<String, Units> stockBefore) {
        return new Run(List.copyOf(orders), Map.of(), stockBefore, Map.of(), DeadLetterExpectation.none());
    }

    public Run withAnnounced(Map<UUID, String> outcomes) {
        return new Run(orders, outcomes, stockBefore, restocked, deadLetters);
    }

    public Run withRestocked(Map<String, Long> units) {
        return new Run(orders, announced, stockBefore, units, deadLetters);
    }

    public Run expectingDeadLetters(DeadLetterExpectation expectation) {
        return new Run(orders, announced, stockBefore, restocked, expectation);
    }

    int size() {
        return orders.size() + announced.size();
    }
}
