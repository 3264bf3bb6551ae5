package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * The per-minute time series, by the name {@code GET /api/analytics/timeseries?metric=} takes. Each is the key of
 * the windowed store; {@code revenue} sums purchase amounts, every other metric counts events.
 */
enum Metric {

    PAGEVIEWS, PRODUCTVIEWS, SEARCHES, ADDTOCART, PURCHASES, ORDERS, REVENUE;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Metric> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(metric -> metric.name().equals(wanted)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }

    /** What an activity event adds to which series. */
    static List<KeyValue<String, BigDecimal>> of(Tracked tracked) {
        return switch (tracked.event()) {
            case PageViewed ignored -> List.of(one(PAGEVIEWS));
            case ProductViewed ignored -> List.of(one(PRODUCTVIEWS));
            case SearchPerformed ignored -> List.of(one(SEARCHES));
            case ProductAddedToCart ignored -> List.of(one(ADDTOCART));
            case PurchaseCompleted purchase -> List.of(one(PURCHASES),
                    KeyValue.pair(REVENUE.key(), purchase.totalAmount()));
            default -> List.of();
        };
    }

    /** What an order event adds: placed orders are counted per minute. */
    static List<KeyValue<String, BigDecimal>> ofOrder(DomainEvent event) {
        return event instanceof OrderPlaced ? List.of(one(ORDERS)) : List.of();
    }

    private static KeyValue<String, BigDecimal> one(Metric metric) {
        return KeyValue.pair(metric.key(), BigDecimal.ONE);
    }
}
