package dev.eventmart.storefront.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OrderMetricsTests {

    private static final Instant START = Instant.parse("2026-12-07T21:00:00Z");

    @Test
    void derivesThroughputAndP99FromTwoScrapes() {
        AtomicReference<Instant> now = new AtomicReference<>(START);
        OrderMetrics metrics = new OrderMetrics(Duration.ofSeconds(5), Duration.ofMinutes(15), clock(now));
        metrics.series(() -> scrape(0, 0, 0, 2));

        now.set(START.plusSeconds(10));
        // 100 more orders finished: 98 within 50 ms, all 100 within 100 ms → the p99 bucket is 100 ms.
        OrderMetrics.Series series = metrics.series(() -> scrape(98, 100, 100, 3));

        assertThat(series.points()).singleElement().satisfies(point -> {
            assertThat(point.ordersPerSecond()).isEqualTo(10.0);
            assertThat(point.p99Millis()).isEqualTo(100.0);
        });
        assertThat(series.ordersByStatus()).containsEntry("PENDING", 3.0);
    }

    @Test
    void scrapesAtMostOncePerInterval() {
        AtomicReference<Instant> now = new AtomicReference<>(START);
        OrderMetrics metrics = new OrderMetrics(Duration.ofSeconds(5), Duration.ofMinutes(15), clock(now));
        metrics.series(() -> scrape(0, 0, 0, 0));
        now.set(START.plusSeconds(2));

        OrderMetrics.Series series = metrics.series(() -> {
            throw new AssertionError("scraped again within the interval");
        });

        assertThat(series.points()).isEmpty();
    }

    @Test
    void hasNoP99WhenNoOrderFinished() {
        AtomicReference<Instant> now = new AtomicReference<>(START);
        OrderMetrics metrics = new OrderMetrics(Duration.ofSeconds(5), Duration.ofMinutes(15), clock(now));
        metrics.series(() -> scrape(5, 5, 5, 0));
        now.set(START.plusSeconds(5));

        assertThat(metrics.series(() -> scrape(5, 5, 5, 0)).points()).singleElement()
                .satisfies(point -> assertThat(point.p99Millis()).isNull());
    }

    private static Clock clock(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    /** order-service's exposition, trimmed to what matters: two outcomes' buckets and counts, the status gauge. */
    private static String scrape(int within50ms, int within100ms, int total, int pending) {
        return """
                # HELP eventmart_orders_duration_seconds placed to terminal
                # TYPE eventmart_orders_duration_seconds histogram
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CONFIRMED",le="0.05"} %d
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CONFIRMED",le="0.1"} %d
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CONFIRMED",le="+Inf"} %d
                eventmart_orders_duration_seconds_count{application="order-service",status="CONFIRMED"} %d
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CANCELLED",le="0.05"} 0
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CANCELLED",le="0.1"} 0
                eventmart_orders_duration_seconds_bucket{application="order-service",status="CANCELLED",le="+Inf"} 0
                eventmart_orders_duration_seconds_count{application="order-service",status="CANCELLED"} 0
                eventmart_orders{application="order-service",status="PENDING"} %d
                eventmart_orders{application="order-service",status="CONFIRMED"} %d
                """.formatted(within50ms, within100ms, total, total, pending, total);
    }
}
