package dev.eventmart.storefront.operations;

import dev.eventmart.storefront.StorefrontProperties;
import dev.eventmart.storefront.operations.PrometheusText.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Order throughput and p99 (placed → terminal) over the last minutes, for the operations page. No service serves
 * them as a series: order-service exposes the cumulative timer {@code eventmart_orders_duration_seconds} (a
 * percentile histogram) and the gauge {@code eventmart_orders} in Prometheus format, and the time series belong in a
 * Prometheus (compose's Grafana has them). So the storefront samples that scrape while a staff member watches, at
 * most once per {@code metricsInterval}, and keeps the samples of the last {@code metricsWindow} in memory: the
 * throughput between two samples is the growth of the count over the time between them, the p99 the upper bound of
 * the first histogram bucket holding 99 % of the orders finished in between (as Prometheus' histogram_quantile
 * would say, without its interpolation). The series starts when someone first opens the page and dies with the
 * storefront, which is what a demo page needs and all it claims.
 */
@Component
class OrderMetrics {

    private final Duration interval;
    private final Duration window;
    private final Clock clock;
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();

    @Autowired
    OrderMetrics(StorefrontProperties properties) {
        this(properties.metricsInterval(), properties.metricsWindow(), Clock.systemUTC());
    }

    OrderMetrics(Duration interval, Duration window, Clock clock) {
        this.interval = interval;
        this.window = window;
        this.clock = clock;
    }

    /** The series, after taking a new sample from {@code scrape} if the last one is older than the interval. */
    synchronized Series series(Supplier<String> scrape) {
        Instant now = clock.instant();
        if (snapshots.isEmpty() || !snapshots.getLast().at().plus(interval).isAfter(now)) {
            snapshots.addLast(Snapshot.of(now, PrometheusText.parse(scrape.get())));
        }
        while (snapshots.getFirst().at().isBefore(now.minus(window))) {
            snapshots.removeFirst();
        }
        List<Point> points = new ArrayList<>();
        Snapshot previous = null;
        for (Snapshot snapshot : snapshots) {
            if (previous != null) {
                points.add(Point.between(previous, snapshot));
            }
            previous = snapshot;
        }
        return new Series(snapshots.getLast().ordersByStatus(), points);
    }

    /** Orders in each status now, and one point per pair of consecutive samples. */
    record Series(Map<String, Double> ordersByStatus, List<Point> points) {
    }

    /** Orders finished per second between two samples, and their p99 in milliseconds (null when none finished). */
    record Point(Instant at, double ordersPerSecond, Double p99Millis) {

        static Point between(Snapshot from, Snapshot to) {
            double seconds = Duration.between(from.at(), to.at()).toMillis() / 1000.0;
            double finished = Math.max(0, to.finished() - from.finished());
            Double p99 = null;
            if (finished > 0) {
                for (Map.Entry<Double, Double> bucket : to.buckets().entrySet()) {
                    double inBucket = bucket.getValue() - from.buckets().getOrDefault(bucket.getKey(), 0.0);
                    if (inBucket >= 0.99 * finished) {
                        p99 = Double.isInfinite(bucket.getKey()) ? null : bucket.getKey() * 1000;
                        break;
                    }
                }
            }
            return new Point(to.at(), seconds > 0 ? finished / seconds : 0, p99);
        }
    }

    /** One scrape: orders finished so far, the histogram's cumulative buckets (all outcomes), orders per status. */
    record Snapshot(Instant at, double finished, TreeMap<Double, Double> buckets, Map<String, Double> ordersByStatus) {

        static Snapshot of(Instant at, List<Sample> samples) {
            double finished = 0;
            TreeMap<Double, Double> buckets = new TreeMap<>();
            Map<String, Double> byStatus = new TreeMap<>();
            for (Sample sample : samples) {
                switch (sample.name()) {
                    case "eventmart_orders_duration_seconds_count" -> finished += sample.value();
                    case "eventmart_orders_duration_seconds_bucket" -> buckets.merge(
                            Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity")),
                            sample.value(), Double::sum);
                    case "eventmart_orders" -> byStatus.merge(sample.labels().getOrDefault("status", "UNKNOWN"),
                            sample.value(), Double::sum);
                    default -> { }
                }
            }
            return new Snapshot(at, finished, buckets, byStatus);
        }
    }
}
