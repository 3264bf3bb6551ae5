package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Bucket;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What one instance asks another for ({@link Peers}): the aggregates of named partitions of this instance's stores,
 * as stored. Answers from local stores only and never forwards, so a request between instances cannot loop; a
 * partition that is not active here answers {@code 503} ({@link LocalStores}). {@code 204} means nothing is stored
 * under the key in that partition. Not part of the public API: it serves the service's own instances.
 */
@Hidden
@RestController
@RequestMapping(PartitionsController.PATH)
class PartitionsController {

    static final String PATH = "/internal/analytics";

    private final LocalStores stores;

    PartitionsController(LocalStores stores) {
        this.stores = stores;
    }

    @GetMapping("/partitions/{partition}/users/{userId}")
    ResponseEntity<UserActivity> user(@PathVariable @Min(0) int partition, @PathVariable String userId) {
        return found(stores.user(partition, userId));
    }

    @GetMapping("/partitions/{partition}/products/{productId}")
    ResponseEntity<ProductStats> product(@PathVariable @Min(0) int partition, @PathVariable String productId) {
        return found(stores.product(partition, productId));
    }

    @GetMapping("/partitions/{partition}/overview")
    Overview overview(@PathVariable @Min(0) int partition) {
        return stores.overview(partition);
    }

    @GetMapping("/partitions/{partition}/timeseries")
    List<Bucket> timeseries(@PathVariable @Min(0) int partition, @RequestParam Metric metric,
            @RequestParam Instant from, @RequestParam Instant to) {
        return stores.perMinute(partition, metric, from, to);
    }

    @GetMapping("/products/top")
    TopProducts topProducts(@RequestParam ProductRanking by, @RequestParam @Min(1) @Max(100) int limit,
            @RequestParam Set<@Min(0) Integer> partitions) {
        return stores.topProducts(partitions, by, limit);
    }

    private static <T> ResponseEntity<T> found(Optional<T> value) {
        return value.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }
}
