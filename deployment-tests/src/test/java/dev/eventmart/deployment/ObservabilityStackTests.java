package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The observability stack of docker-compose.yml (grafana/otel-lgtm) held against the services: it receives their
 * traces and logs, its Prometheus scrapes every one of them as the client identity-service registers for it, and its
 * Grafana provisions the dashboards of the repository.
 */
class ObservabilityStackTests {

    private static final String STACK = "lgtm";
    /** Where the image reads its Prometheus configuration and its Grafana's dashboard providers (its README). */
    private static final String PROMETHEUS_CONFIG = "/otel-lgtm/prometheus.yaml";
    private static final String DASHBOARD_PROVIDERS = "/otel-lgtm/grafana/conf/provisioning/dashboards/";
    private static final String DASHBOARDS = "deploy/grafana/dashboards";

    private final ComposeFile compose = Repository.compose();

    @Test
    void runsOneReleaseOfTheImageAndChecksItsHealth() {
        assertThat(compose.image(STACK)).as("a release of grafana/otel-lgtm, by version (and digest)")
                .matches("grafana/otel-lgtm:\\d+\\.\\d+\\.\\d+(@sha256:[0-9a-f]{64})?");
        assertThat(compose.healthcheck(STACK)).as("Grafana, Prometheus and the OTLP collector answer")
                .contains("http://localhost:3000/api/health", "http://localhost:9090/-/ready",
                        "http://localhost:13133/ready");
        assertThat(compose.ports(STACK)).as("Grafana")
                .extracting(ComposeFile.PortMapping::hostPort, ComposeFile.PortMapping::containerPort)
                .containsExactly(tuple(3000, 3000));
    }

    @Test
    void sendsEveryServicesTracesAndLogsToTheCollector() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : Repository.eventDrivenServices(compose)) {
            softly.assertThat(compose.environment(service)).as(service)
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + STACK + ":4318")
                    .containsEntry("MANAGEMENT_OPENTELEMETRY_LOGGING_EXPORT_OTLP_ENDPOINT",
                            "http://" + STACK + ":4318/v1/logs");
        }
        softly.assertAll();
    }

    /**
     * Every service that owns a schema is scraped on the port it listens on, with a token of identity-service's
     * prometheus client (its secret as compose gives it to identity-service): /actuator/prometheus answers only the
     * monitoring role.
     */
    @Test
    void scrapesEveryServiceWithThePrometheusClientsToken() {
        Map<String, Object> prometheus = new Yaml().load(Repository.read(mounted(PROMETHEUS_CONFIG)));
        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = jobs.getFirst();
        Set<String> expectedTargets = new TreeSet<>();
        for (String service : Repository.eventDrivenServices(compose)) {
            expectedTargets.add(service + ":" + compose.buildArgs(service).get("SERVER_PORT"));
        }
        Set<String> targets = new TreeSet<>();
        list(job.get("static_configs")).forEach(group -> targets.addAll(strings(group.get("targets"))));
        Map<String, Object> oauth2 = map(job.get("oauth2"));

        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat(targets).isEqualTo(expectedTargets);
        String secret = compose.environment(Repository.IDENTITY_SERVICE).get("PROMETHEUS_SECRET");
        assertThat(oauth2).containsEntry("client_id", "prometheus")
                .containsEntry("client_secret", secret)
                .containsEntry("token_url", "http://" + Repository.IDENTITY_SERVICE + ":9000/oauth2/token");
        assertThat(strings(oauth2.get("scopes"))).containsExactly("metrics");
    }

    /** Grafana loads the repository's dashboards through the provisioning file mounted beside the image's own. */
    @Test
    void provisionsTheDashboardsOfTheRepository() {
        Map<String, String> mounts = compose.bindMounts(STACK);
        String providersFile = mounts.keySet().stream().filter(target -> target.startsWith(DASHBOARD_PROVIDERS))
                .findFirst().orElseThrow(() -> new AssertionError("no dashboard provider mounted in "
                        + DASHBOARD_PROVIDERS));
        String dashboardsTarget = mounts.entrySet().stream().filter(mount -> mount.getValue().equals(DASHBOARDS))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(DASHBOARDS + " is not mounted"));
        Map<String, Object> providers = new Yaml().load(Repository.read(mounts.get(providersFile)));

        assertThat(list(providers.get("providers"))).singleElement().satisfies(provider -> {
            assertThat(provider).containsEntry("type", "file");
            assertThat(map(provider.get("options"))).containsEntry("path", dashboardsTarget);
        });
        String home = compose.environment(STACK).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(dashboardsTarget + "/");
        assertThat(Repository.file(DASHBOARDS).resolve(Path.of(dashboardsTarget).relativize(Path.of(home))))
                .as("the home dashboard").isRegularFile();
    }

    private String mounted(String target) {
        String source = compose.bindMounts(STACK).get(target);
        assertThat(source).as(target + " mounted from the repository").isNotNull();
        return source;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(Object::toString).toList();
    }
}
