package dev.eventmart.analytics.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rates as decimals with four places ({@code 0.3333}) or percentages with two ({@code 33.33}), zero when nothing was
 * there to convert.
 */
final class Ratios {

    private Ratios() {
    }

    static BigDecimal of(long numerator, long denominator) {
        if (denominator == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }
}
