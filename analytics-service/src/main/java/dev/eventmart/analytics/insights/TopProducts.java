package dev.eventmart.analytics.insights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The best products by a {@link ProductRanking}, best first, and how many products were looked at: of one partition,
 * of one instance's partitions, or of the whole store once merged.
 */
record TopProducts(List<ProductStats> top, long totalProducts) {

    TopProducts {
        top = List.copyOf(top);
    }

    /**
     * The best {@code limit} of several parts, each the best {@code limit} of disjoint partitions. A product lives in
     * one partition only, so the overall best {@code limit} are all among the parts' best, and the counts add up.
     */
    static TopProducts merge(Collection<TopProducts> parts, ProductRanking ranking, int limit) {
        List<ProductStats> all = new ArrayList<>();
        long total = 0;
        for (TopProducts part : parts) {
            all.addAll(part.top());
            total += part.totalProducts();
        }
        all.sort(ranking.order());
        return new TopProducts(all.subList(0, Math.min(limit, all.size())), total);
    }
}
