package dev.eventmart.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.eventmart.test.metrics.DashboardQueries.LabelMatcher;
import dev.eventmart.test.metrics.DashboardQueries.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardQueriesTests {

    private static final String SCRAPE = """
            # HELP eventmart_orders_duration_seconds Time from an order placed to its terminal status
            # TYPE eventmart_orders_duration_seconds histogram
            eventmart_orders_duration_seconds_bucket{application="order-service",status="CONFIRMED",le="0.1"} 3
            eventmart_orders_duration_seconds_bucket{application="order-service",status="CONFIRMED",le="+Inf"} 3
            eventmart_orders_duration_seconds_count{application="order-service",status="CONFIRMED"} 3
            kafka_consumer_fetch_manager_records_lag_max{application="order-service",client_id="order-service.saga-replies-0",kafka_version="4.2.2"} 0.0
            eventmart_dlt_records{application="order-service",topic="order.order.placed.dlt"} 0.0
            """;

    @Test
    void readsEverySelectorOfAQueryWithItsMatchers() {
        List<Selector> selectors = DashboardQueries.parse("histogram_quantile(0.99, sum by (le) (rate("
                + "eventmart_orders_duration_seconds_bucket{application=\"order-service\", status=\"CONFIRMED\"}"
                + "[$__rate_interval]))) / ignoring(le) sum(eventmart_orders{application=~\"order-.*\"})", "test");

        assertThat(selectors).extracting(Selector::metric)
                .containsExactly("eventmart_orders_duration_seconds_bucket", "eventmart_orders");
        assertThat(selectors.getFirst().matchers()).containsExactly(
                new LabelMatcher("application", "=", "order-service"), new LabelMatcher("status", "=", "CONFIRMED"));
        assertThat(selectors.getLast().reads("order-service")).isTrue();
        assertThat(selectors.getLast().reads("payment-service")).isFalse();
    }

    @Test
    void tellsStringsAndFunctionsFromMetrics() {
        List<Selector> selectors = DashboardQueries.parse("max by (application, group) (label_replace("
                + "kafka_consumer_fetch_manager_records_lag_max{application=~\".+\"}, \"group\", \"$1\", "
                + "\"client_id\", "
                + "\"(.+?)(?:-[0-9]+)?\")) > 0", "test");

        assertThat(selectors).singleElement().satisfies(selector -> {
            assertThat(selector.metric()).isEqualTo("kafka_consumer_fetch_manager_records_lag_max");
            assertThat(selector.reads("analytics-service")).isTrue();
        });
    }

    @Test
    void refusesAMetricSelectedWithoutBraces() {
        assertThatIllegalStateException()
                .isThrownBy(() -> DashboardQueries.parse(
                        "eventmart_orders{application=\"order-service\"} / eventmart_orders_total", "test"))
                .withMessageContaining("eventmart_orders_total");
    }

    @Test
    void refusesASelectorThatNamesNoService() {
        assertThatIllegalStateException()
                .isThrownBy(() -> DashboardQueries.parse("sum(eventmart_dlt_records{topic=~\".+\"})", "test"))
                .withMessageContaining("names no service");
        assertThatIllegalStateException()
                .isThrownBy(() -> DashboardQueries.parse("eventmart_dlt_records{application!=\"x\"}", "test"))
                .withMessageContaining("names no service");
    }

    @Test
    void findsASeriesOnlyWhereEveryMatcherHolds() {
        PrometheusScrape scrape = PrometheusScrape.of(SCRAPE);

        assertThat(scrape.holdsSeriesOf(selector("eventmart_orders_duration_seconds_bucket"
                + "{application=\"order-service\", status=\"CONFIRMED\", le=\"0.1\"}"))).isTrue();
        assertThat(scrape.holdsSeriesOf(selector("kafka_consumer_fetch_manager_records_lag_max"
                + "{application=~\".+\", client_id=~\"order-service\\\\.saga-replies-[0-9]+\"}"))).isTrue();
        assertThat(scrape.holdsSeriesOf(selector("eventmart_orders_duration_seconds_bucket"
                + "{application=\"order-service\", status=\"EXPIRED\"}"))).as("no EXPIRED series").isFalse();
        assertThat(scrape.holdsSeriesOf(selector("eventmart_orders_duration_seconds_count"
                + "{application=\"payment-service\"}"))).as("another service's").isFalse();
        assertThat(scrape.holdsSeriesOf(selector("eventmart_orders_duration_seconds{application=~\".+\"}")))
                .as("a histogram's samples are named with their suffix").isFalse();
    }

    @Test
    void readsTheDashboardsOfTheRepository() {
        assertThat(DashboardQueries.load().selecting("order-service")).extracting(Selector::metric)
                .contains("eventmart_orders_duration_seconds_bucket");
    }

    private static Selector selector(String expression) {
        return DashboardQueries.parse(expression, "test").getFirst();
    }
}
