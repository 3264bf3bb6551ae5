package dev.eventmart.order.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What each transition records: time in the status left, placed to terminal, and compensations by reason. */
class SagaMetricsTests {

    private static final Instant PLACED_AT = Instant.parse("2026-12-07T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final SagaMetrics metrics = new SagaMetrics(meters);

    @Test
    void recordsTheTimeInEachStatusAndFromPlacedToConfirmed() {
        Order order = placed();
        order.markReserved(PLACED_AT.plusMillis(80));
        metrics.moved(order);
        order.confirm(UUID.randomUUID(), PLACED_AT.plusMillis(380));
        metrics.moved(order);

        assertThat(timer("eventmart.orders.status.duration", "PENDING").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(80);
        assertThat(timer("eventmart.orders.status.duration", "RESERVED").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(300);
        Timer confirmed = timer("eventmart.orders.duration", "CONFIRMED");
        assertThat(confirmed.count()).isEqualTo(1);
        assertThat(confirmed.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(380);
        assertThat(timer("eventmart.orders.duration", "CANCELLED").count()).isZero();
        assertThat(meters.find("eventmart.orders.compensations").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void countsACompensationByReasonForEveryCancelledOrExpiredOrder() {
        Order declined = placed();
        declined.markReserved(PLACED_AT.plusMillis(10));
        metrics.moved(declined);
        declined.cancel(OrderReason.PAYMENT_DECLINED, "card_declined", PLACED_AT.plusMillis(20));
        metrics.moved(declined);
        Order stalled = placed();
        stalled.expire(PLACED_AT.plusSeconds(900));
        metrics.moved(stalled);

        assertThat(compensations("PAYMENT_DECLINED")).isEqualTo(1);
        assertThat(compensations("TIMEOUT")).isEqualTo(1);
        assertThat(compensations("OUT_OF_STOCK")).isZero();
        assertThat(timer("eventmart.orders.duration", "CANCELLED").count()).isEqualTo(1);
        assertThat(timer("eventmart.orders.duration", "EXPIRED").totalTime(TimeUnit.SECONDS)).isEqualTo(900);
    }

    @Test
    void bucketsTheDurationsAtTheServiceLevelObjectives() {
        Order order = placed();
        order.markReserved(PLACED_AT.plusMillis(50));
        metrics.moved(order);
        order.confirm(UUID.randomUUID(), PLACED_AT.plusMillis(700));
        metrics.moved(order);

        CountAtBucket[] buckets = timer("eventmart.orders.duration", "CONFIRMED").takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(bucket -> (long) bucket.bucket(TimeUnit.MILLISECONDS)))
                .containsExactly(100L, 500L, 1000L);
        assertThat(Arrays.stream(buckets).map(CountAtBucket::count)).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void recordsATransitionOnlyOnceItsTransactionCommits() {
        Order order = placed();
        TransactionSynchronizationManager.initSynchronization();
        try {
            order.cancel(OrderReason.CUSTOMER_REQUEST, "changed my mind", PLACED_AT.plusMillis(5));
            metrics.moved(order);
            assertThat(compensations("CUSTOMER_REQUEST")).isZero();

            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            synchronizations.forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
            assertThat(compensations("CUSTOMER_REQUEST")).isZero();
            assertThat(TransactionSynchronizationManager.hasResource(metrics)).isFalse();
        }
        finally {
            TransactionSynchronizationManager.clearSynchronization();
        }

        TransactionSynchronizationManager.initSynchronization();
        try {
            metrics.moved(order);
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
            assertThat(compensations("CUSTOMER_REQUEST")).isEqualTo(1);
        }
        finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private Timer timer(String name, String status) {
        return meters.get(name).tag("status", status).timer();
    }

    private double compensations(String reason) {
        return meters.get("eventmart.orders.compensations").tag("reason", reason).counter().count();
    }

    private static Order placed() {
        OrderItem item = new OrderItem("p-1", "SKU-1", "Mug", 2, new BigDecimal("12.50"), new BigDecimal("25.00"));
        return Order.place("ada", "ada@example.com", "EUR", "tok_visa",
                new ShippingAddressValue("1 Main St", "Springfield", "IL", "62701", "US"), List.of(item), null,
                PLACED_AT);
    }
}
