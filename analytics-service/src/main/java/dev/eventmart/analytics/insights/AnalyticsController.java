package dev.eventmart.analytics.insights;

import dev.eventmart.analytics.insights.AnalyticsViews.Funnel;
import dev.eventmart.analytics.insights.AnalyticsViews.OverviewView;
import dev.eventmart.analytics.insights.AnalyticsViews.ProductView;
import dev.eventmart.analytics.insights.AnalyticsViews.Timeseries;
import dev.eventmart.support.web.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Real-time analytics, read from the Kafka Streams state stores of every instance ({@link AnalyticsQueries}): any
 * instance answers with the same, complete figures. Answers {@code 503} with {@code Retry-After} while the stream
 * processor is not running (start-up, rebalance) or the instance holding the figures cannot be reached.
 */
@Tag(name = "Analytics", description = "Real-time figures from the Kafka Streams state stores")
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

    private static final int OVERVIEW_TOP_PRODUCTS = 10;
    private static final int MAX_ID = 100;
    /**
     * The range a timeseries may ask for. Window stores key by epoch millisecond, and an {@link Instant} reaches
     * far beyond what a long of milliseconds holds (and past where adding a minute overflows); nothing is tracked
     * before 1970 or after 9999 either.
     */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:00Z");
    private static final int DEFAULT_TIMESERIES_MINUTES = 60;

    private final AnalyticsQueries queries;
    private final InsightsProperties properties;
    private final Clock clock;

    AnalyticsController(AnalyticsQueries queries, InsightsProperties properties, Clock clock) {
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "One user's activity")
    @ApiResponse(responseCode = "200", description = "The user's activity")
    @ApiResponse(responseCode = "404", description = "Nothing was tracked for this user")
    @GetMapping("/users/{userId}")
    UserActivity user(@Parameter(example = "ada") @PathVariable @Size(max = MAX_ID) @PlainText String userId) {
        return queries.user(userId).orElseThrow(() -> NotTracked.user(userId));
    }

    @Operation(summary = "One product's views, carts and purchases")
    @ApiResponse(responseCode = "200", description = "The product's figures")
    @ApiResponse(responseCode = "404", description = "Nothing was tracked for this product")
    @GetMapping("/products/{productId}")
    ProductView product(@Parameter(example = "P-1001") @PathVariable @Size(max = MAX_ID) @PlainText String productId) {
        return queries.product(productId).map(ProductView::of).orElseThrow(() -> NotTracked.product(productId));
    }

    @Operation(summary = "The products ranked by a figure")
    @GetMapping("/products/top")
    List<ProductView> topProducts(
            @Parameter(schema = @Schema(allowableValues = { "views", "revenue", "purchases" }))
            @RequestParam(defaultValue = "views") String by,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        ProductRanking ranking = ProductRanking.named(by)
                .orElseThrow(() -> new InvalidQuery("by", "must be one of " + ProductRanking.names()));
        return queries.topProducts(ranking, limit).top().stream().map(ProductView::of).toList();
    }

    /** Shop-wide totals; {@code topProducts} are the ten most viewed. */
    @Operation(summary = "Shop-wide totals with the ten most viewed products")
    @GetMapping("/overview")
    OverviewView overview() {
        Overview overview = queries.overview();
        TopProducts ranking = queries.topProducts(ProductRanking.VIEWS, OVERVIEW_TOP_PRODUCTS);
        return OverviewView.of(overview, ranking.totalProducts(),
                ranking.top().stream().map(ProductView::of).toList());
    }

    @Operation(summary = "The conversion funnel: views, carts, purchases")
    @GetMapping("/funnel")
    Funnel funnel() {
        return Funnel.of(queries.overview());
    }

    /**
     * One-minute buckets of a metric in {@code [from, to)}, both ISO-8601 instants, widened to whole minutes; by
     * default the last hour including the current minute.
     */
    @Operation(summary = "One-minute buckets of a metric", description = """
            Buckets in `[from, to)`, both ISO-8601 instants widened to whole minutes; by default the last hour \
            including the current minute.""")
    @GetMapping("/timeseries")
    Timeseries timeseries(@Parameter(schema = @Schema(allowableValues = { "pageviews", "productviews", "searches",
            "addtocart", "purchases", "orders", "revenue" })) @RequestParam String metric,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Metric series = Metric.named(metric)
                .orElseThrow(() -> new InvalidQuery("metric", "must be one of " + Metric.keys()));
        requireWithinRange("from", from);
        requireWithinRange("to", to);
        Instant end = to != null ? ceilToMinute(to)
                : clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(AnalyticsTopology.WINDOW_SIZE);
        Instant start = from != null ? from.truncatedTo(ChronoUnit.MINUTES)
                : end.minus(AnalyticsTopology.WINDOW_SIZE.multipliedBy(DEFAULT_TIMESERIES_MINUTES));
        if (!start.isBefore(end)) {
            throw new InvalidQuery("from", "must be at least a minute before to");
        }
        if (start.plus(properties.maxTimeseriesRange()).isBefore(end)) {
            throw new InvalidQuery("to", "must be at most " + properties.maxTimeseriesRange() + " after from");
        }
        return new Timeseries(series.key(), start, end, queries.perMinute(series, start, end));
    }

    private static void requireWithinRange(String parameter, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new InvalidQuery(parameter, "must be between " + EARLIEST + " and " + LATEST);
        }
    }

    private static Instant ceilToMinute(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(instant) ? floor : floor.plus(AnalyticsTopology.WINDOW_SIZE);
    }
}
