package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.test.metrics.DashboardQueries;
import dev.eventmart.test.metrics.DashboardQueries.Selector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards of deploy/grafana/dashboards/. Whether each query finds series is checked where the series
 * are: in each service's integration suite (AbstractServiceIntegrationTests, against its real /actuator/prometheus);
 * here, that every query is one of those suites' to check, and that the EventMart dashboard shows the KPIs.
 */
class GrafanaDashboardTests {

    private static final Path DIRECTORY = Repository.file(DashboardQueries.DIRECTORY.toString());
    private static final String SERVICE_SUITE = "extends AbstractServiceIntegrationTests";

    private final ComposeFile compose = Repository.compose();
    private final DashboardQueries queries = DashboardQueries.load(DIRECTORY);

    /**
     * A query names the services it reads (its application matcher): each must be one compose runs, whose integration
     * suite then checks the query against its scrape. A query reading no service would be checked by none.
     */
    @Test
    void readsOnlyServicesWhoseIntegrationSuiteChecksTheQuery() {
        Set<String> services = Repository.eventDrivenServices(compose);
        Map<String, Set<String>> checkedBy = new TreeMap<>();
        for (Selector selector : queries.selectors()) {
            checkedBy.put(selector.toString(), services.stream().filter(selector::reads)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }

        assertThat(checkedBy).as("queries and the services that check them").allSatisfy((query, readers) ->
                assertThat(readers).as(query).isNotEmpty());
        Set<String> readers = checkedBy.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(readers).allSatisfy(service -> assertThat(testSources(service))
                .as(service + " has an integration suite extending AbstractServiceIntegrationTests")
                .anySatisfy(source -> assertThat(source).contains(SERVICE_SUITE)));
    }

    /** Issue 14's panels: orders/s by outcome, latency, orders by state, compensations, outbox, lag, DLT, ingestion. */
    @Test
    void showsTheSagaAndMessagingKpis() {
        Set<String> metrics = queries.selectors().stream().map(Selector::metric).collect(Collectors.toSet());

        assertThat(metrics).contains("eventmart_orders_duration_seconds_count",
                "eventmart_orders_duration_seconds_bucket", "eventmart_orders", "eventmart_orders_compensations_total",
                "eventmart_orders_status_duration_seconds_bucket",
                "eventmart_outbox_backlog", "eventmart_outbox_backlog_oldest_age_seconds",
                "kafka_consumer_fetch_manager_records_lag_max", "eventmart_dlt_records",
                "eventmart_activity_accepted_total", "eventmart_activity_refused_total");
    }

    /** The data source the image provisions (uid prometheus), a stable uid, and panels Grafana can tell apart. */
    @Test
    void queriesTheProvisionedPrometheus() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Path file : dashboards()) {
            JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
            softly.assertThat(dashboard.path("uid").asString()).as(file + " uid").isNotBlank();
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                softly.assertThat(ids.add(panel.path("id").asInt())).as(file + " panel id " + panel.path("id"))
                        .isTrue();
                for (JsonNode target : panel.path("targets")) {
                    softly.assertThat(target.path("datasource").path("uid").asString())
                            .as(panel.path("title").asString()).isEqualTo("prometheus");
                }
            }
        }
        softly.assertAll();
        assertThat(dashboards()).extracting(file -> file.getFileName().toString()).contains("eventmart.json");
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> testSources(String service) {
        try (Stream<Path> files = Files.walk(Repository.file(service).resolve("src/test/java"))) {
            return files.filter(file -> file.toString().endsWith(".java")).map(file -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
