package dev.eventmart.analytics.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One product's running totals in the {@code product-stats} store; {@code purchases} counts units bought (an item of
 * quantity 2 is two purchases), not purchase events. Ratios are not stored but derived when served, from sums that
 * only ever grow, so they never drift.
 */
record ProductStats(String productId, String productName, String category, long views, long uniqueViewers,
        long viewDurationSeconds, long viewDurationSamples, long cartAdditions, long purchases, BigDecimal revenue) {

    ProductStats {
        revenue = revenue == null ? BigDecimal.ZERO : revenue;
    }

    static ProductStats empty() {
        return new ProductStats(null, null, null, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);
    }

    ProductStats plus(String productId, ProductDelta delta) {
        return new ProductStats(productId,
                delta.productName() != null ? delta.productName() : productName,
                delta.category() != null ? delta.category() : category,
                views + delta.views(), uniqueViewers + delta.uniqueViewers(),
                viewDurationSeconds + delta.viewDurationSeconds(), viewDurationSamples + delta.viewDurationSamples(),
                cartAdditions + delta.cartAdditions(), purchases + delta.purchases(), revenue.add(delta.revenue()));
    }

    /** Units purchased per 100 views (a percentage, {@code 66.67}), 0 before the first view. */
    BigDecimal conversionRate() {
        return Ratios.percent(purchases, views);
    }

    BigDecimal averageViewDurationSeconds() {
        return viewDurationSamples == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(viewDurationSeconds).divide(BigDecimal.valueOf(viewDurationSamples), 2,
                        RoundingMode.HALF_UP);
    }
}
