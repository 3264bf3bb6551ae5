package dev.eventmart.order.ordering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The saga's KPIs, recorded where an order moves on: {@code eventmart.orders.duration} (placed to terminal, by the
 * terminal status), {@code eventmart.orders.status.duration} (time spent in a status, by the status left) and
 * {@code eventmart.orders.compensations} (orders cancelled or expired, by reason: each sets inventory's release and
 * payment's refund going). Tags are the bounded enums, never an order id.
 *
 * <p>Every meter is registered up front, so a transition costs a map lookup and a timer record or counter
 * increment, nothing more (the saga's CPU per order is what the benchmarks fight for). A transition is recorded
 * once its transaction commits: a batch rolled back and redelivered would otherwise count its orders twice.
 */
@Component
public class SagaMetrics {

    /** The SLO buckets of both histograms; the alert thresholds in the README refer to them. */
    static final Duration[] SERVICE_LEVEL_OBJECTIVES = {
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1) };

    /**
     * The range of Micrometer's percentile-histogram buckets added around them (about 90 per timer), so that a p50
     * or p99 taken from the buckets in Prometheus (the EventMart dashboard) means something: with the three SLO
     * buckets alone, every order under 100 ms reads as "somewhere below 100 ms". Up to 20 minutes, past the expiry
     * timeout (15 by default). A record still finds its bucket with one binary search, over about 90 bounds, not 3.
     */
    static final Duration SHORTEST_EXPECTED = Duration.ofMillis(1);
    static final Duration LONGEST_EXPECTED = Duration.ofMinutes(20);

    private final Map<OrderStatus, Timer> placedToTerminal = new EnumMap<>(OrderStatus.class);
    private final Map<OrderStatus, Timer> timeInStatus = new EnumMap<>(OrderStatus.class);
    private final Map<OrderReason, Counter> compensations = new EnumMap<>(OrderReason.class);

    public SagaMetrics(MeterRegistry meters) {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                placedToTerminal.put(status, timer("eventmart.orders.duration",
                        "Time from an order placed to its terminal status", status, meters));
            }
            else {
                timeInStatus.put(status, timer("eventmart.orders.status.duration",
                        "Time an order spent in a status before it moved on", status, meters));
            }
        }
        for (OrderReason reason : OrderReason.values()) {
            compensations.put(reason, Counter.builder("eventmart.orders.compensations")
                    .description("Orders cancelled or expired (the saga undoes what was done), by reason")
                    .tag("reason", reason.name())
                    .register(meters));
        }
    }

    /**
     * Records the transition {@code order} has just made (a transition that handed back an event), once the
     * current transaction commits; at once without one.
     */
    public void moved(Order order) {
        StatusChange left = order.previousChange();
        if (left == null) {
            return;
        }
        Step step = new Step(left, order.lastChange(), Duration.between(order.createdAt(), order.lastChange().at()));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record(step);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Step> pending = (List<Step>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            // One list and one synchronization per transaction, not per order: a saga batch moves hundreds.
            List<Step> steps = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, steps);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SagaMetrics.this);
                    if (status == STATUS_COMMITTED) {
                        steps.forEach(SagaMetrics.this::record);
                    }
                }
            });
            pending = steps;
        }
        pending.add(step);
    }

    private void record(Step step) {
        Timer inStatus = timeInStatus.get(step.left().status());
        if (inStatus != null) {
            inStatus.record(Duration.between(step.left().at(), step.entered().at()));
        }
        Timer toTerminal = placedToTerminal.get(step.entered().status());
        if (toTerminal != null) {
            toTerminal.record(step.sincePlaced());
        }
        if (step.entered().reason() != null) {
            compensations.get(step.entered().reason()).increment();
        }
    }

    private static Timer timer(String name, String description, OrderStatus status, MeterRegistry meters) {
        return Timer.builder(name)
                .description(description)
                .tag("status", status.name())
                .serviceLevelObjectives(SERVICE_LEVEL_OBJECTIVES)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST_EXPECTED)
                .maximumExpectedValue(LONGEST_EXPECTED)
                .register(meters);
    }

    /** A transition, taken in by value: the order is detached by the time its transaction commits. */
    private record Step(StatusChange left, StatusChange entered, Duration sincePlaced) {
    }
}
