package dev.eventmart.analytics.insights;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code GET /api/analytics/products/top?by=} ranks by; ties go to the smaller product id, so ranks are stable. */
enum ProductRanking {

    VIEWS(Comparator.comparingLong(ProductStats::views)),
    REVENUE(Comparator.comparing(ProductStats::revenue)),
    PURCHASES(Comparator.comparingLong(ProductStats::purchases));

    private final Comparator<ProductStats> best;

    ProductRanking(Comparator<ProductStats> ascending) {
        this.best = ascending.reversed().thenComparing(ProductStats::productId);
    }

    /** Best first. */
    Comparator<ProductStats> order() {
        return best;
    }

    static Optional<ProductRanking> named(String name) {
        String wanted = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(ranking -> ranking.name().equals(wanted)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(ranking -> ranking.name().toLowerCase(Locale.ROOT)).toList();
    }
}
