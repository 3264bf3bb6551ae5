package dev.eventmart.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging the best products of disjoint partitions into the best of the whole store. */
class TopProductsTests {

    @Test
    void mergesThePartsBestIntoTheOverallBestAndAddsUpTheCounts() {
        TopProducts first = new TopProducts(List.of(product("P-1", 50, "5.00"), product("P-2", 40, "90.00")), 7);
        TopProducts second = new TopProducts(List.of(product("P-3", 45, "1.00"), product("P-4", 10, "20.00")), 5);

        TopProducts byViews = TopProducts.merge(List.of(first, second), ProductRanking.VIEWS, 2);
        TopProducts byRevenue = TopProducts.merge(List.of(second, first), ProductRanking.REVENUE, 3);

        assertThat(byViews.top()).extracting(ProductStats::productId).containsExactly("P-1", "P-3");
        assertThat(byViews.totalProducts()).isEqualTo(12);
        assertThat(byRevenue.top()).extracting(ProductStats::productId).containsExactly("P-2", "P-4", "P-1");
    }

    @Test
    void breaksTiesAcrossPartsByProductIdAsOnePartDoes() {
        TopProducts first = new TopProducts(List.of(product("P-b", 5, "0")), 1);
        TopProducts second = new TopProducts(List.of(product("P-a", 5, "0")), 1);

        assertThat(TopProducts.merge(List.of(first, second), ProductRanking.VIEWS, 10).top())
                .extracting(ProductStats::productId).containsExactly("P-a", "P-b");
    }

    @Test
    void anEmptyPartAddsNothing() {
        TopProducts only = new TopProducts(List.of(product("P-1", 1, "0")), 1);

        TopProducts merged = TopProducts.merge(List.of(only, new TopProducts(List.of(), 0)), ProductRanking.VIEWS, 5);

        assertThat(merged).isEqualTo(only);
    }

    private static ProductStats product(String id, long views, String revenue) {
        return new ProductStats(id, "Product " + id, "Keyboards", views, views, 0, 0, 0, 0, new BigDecimal(revenue));
    }
}
