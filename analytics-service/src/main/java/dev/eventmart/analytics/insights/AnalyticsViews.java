package dev.eventmart.analytics.insights;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the analytics REST API answers; the aggregates stay internal to the stores. */
final class AnalyticsViews {

    private AnalyticsViews() {
    }

    /**
     * Named for the API document: the activity request of a product view is {@code ProductView} there already.
     * {@code purchases} counts units (an item of quantity 2 is two purchases); {@code conversionRate} is units
     * purchased per 100 views.
     */
    @Schema(name = "ProductFigures")
    record ProductView(String productId, String productName, String category, long views, long uniqueViewers,
            long cartAdditions, long purchases, BigDecimal revenue, BigDecimal conversionRate,
            BigDecimal averageViewDurationSeconds) {

        static ProductView of(ProductStats stats) {
            return new ProductView(stats.productId(), stats.productName(), stats.category(), stats.views(),
                    stats.uniqueViewers(), stats.cartAdditions(), stats.purchases(), stats.revenue(),
                    stats.conversionRate(), stats.averageViewDurationSeconds());
        }
    }

    record OverviewView(long totalUsers, long totalProducts, long totalPageViews, long totalProductViews,
            long totalSearches, long totalPurchases, BigDecimal totalRevenue, Orders orders,
            List<ProductView> topProducts) {

        static OverviewView of(Overview overview, long totalProducts, List<ProductView> topProducts) {
            return new OverviewView(overview.users(), totalProducts, overview.pageViews(), overview.productViews(),
                    overview.searches(), overview.purchases(), overview.revenue(),
                    new Orders(overview.ordersPlaced(), overview.ordersConfirmed(), overview.ordersCancelled(),
                            overview.ordersExpired(), overview.confirmedRevenue()),
                    topProducts);
        }
    }

    record Orders(long placed, long confirmed, long cancelled, long expired, BigDecimal confirmedRevenue) {
    }

    record Funnel(long productViews, long cartAdditions, long purchases, BigDecimal viewToCartRate,
            BigDecimal cartToPurchaseRate) {

        static Funnel of(Overview overview) {
            return new Funnel(overview.productViews(), overview.cartAdditions(), overview.purchases(),
                    Ratios.of(overview.cartAdditions(), overview.productViews()),
                    Ratios.of(overview.purchases(), overview.cartAdditions()));
        }
    }

    /** One minute of a series: {@code [start, end)}, and the count (or amount for revenue) in it. */
    record Bucket(Instant start, Instant end, BigDecimal value) {
    }

    record Timeseries(String metric, Instant from, Instant to, List<Bucket> buckets) {
    }
}
