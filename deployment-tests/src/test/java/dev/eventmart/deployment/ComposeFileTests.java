package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.eventmart.deployment.ComposeFile.PortMapping;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.utils.AppInfoParser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** docker-compose.yml held against the code and docs/architecture.md, without Docker. */
class ComposeFileTests {

    /** docs/architecture.md#services-schemas-and-ports. */
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("order-service", 8081, "inventory-service", 8082,
            "payment-service", 8083, "notification-service", 8084, "analytics-service", 8085,
            Repository.IDENTITY_SERVICE, 9000, Repository.STOREFRONT, 8086);
    private static final Map<String, Integer> INFRASTRUCTURE_PORTS = Map.of("kafka-ui", 8080, "kafka", 9092,
            "postgres", 5432, "lgtm", 3000);

    /** Read by Spring Boot (server.port) and by the JVM itself, whatever a service's configuration says. */
    /** Read by Spring Boot or the JVM themselves (OTEL_*: Spring Boot maps OpenTelemetry's variables). */
    private static final Set<String> READ_BY_THE_PLATFORM = Set.of("SERVER_PORT", "JAVA_TOOL_OPTIONS",
            "OTEL_EXPORTER_OTLP_ENDPOINT");

    /**
     * Spring Boot's own properties, given in their environment form (relaxed binding) rather than through a placeholder
     * of ours: the OTLP endpoints {@code management.opentelemetry.tracing.export.otlp.endpoint} and
     * {@code management.opentelemetry.logging.export.otlp.endpoint}.
     */
    static final Set<String> SPRING_BOOT_PROPERTIES = Set.of(
            "MANAGEMENT_OPENTELEMETRY_LOGGING_EXPORT_OTLP_ENDPOINT");

    private final ComposeFile compose = Repository.compose();

    @Test
    void buildsEveryServiceOfTheRepository() {
        assertThat(compose.builtServices()).isEqualTo(Repository.serviceModules())
                .containsExactlyInAnyOrderElementsOf(SERVICE_PORTS.keySet());
        for (String service : compose.builtServices()) {
            assertThat(compose.buildArgs(service)).as(service + " build args").containsEntry("SERVICE", service);
        }
    }

    @Test
    void givesEachServiceOnlyVariablesItsConfigurationReads() {
        Map<String, Set<String>> unread = new TreeMap<>();
        for (String service : compose.builtServices()) {
            Set<String> read = new HashSet<>(Repository.environmentVariablesReadBy(service));
            read.addAll(READ_BY_THE_PLATFORM);
            read.addAll(SPRING_BOOT_PROPERTIES);
            Set<String> given = new TreeSet<>(compose.environment(service).keySet());
            given.removeAll(read);
            if (!given.isEmpty()) {
                unread.put(service, given);
            }
        }
        assertThat(unread).as("variables given in docker-compose.yml that no configuration reads").isEmpty();
    }

    @Test
    void connectsEveryServiceToTheComposeKafkaAndDatabase() {
        Map<String, String> postgres = compose.environment("postgres");
        String databaseUrl = "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB");
        String internalListener = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")
                .replaceAll(".*INTERNAL://([^,]+).*", "$1");
        Set<String> roles = new HashSet<>();
        SoftAssertions softly = new SoftAssertions();
        Set<String> services = Repository.eventDrivenServices(compose);
        for (String service : services) {
            Map<String, String> environment = compose.environment(service);
            softly.assertThat(environment).as(service).containsEntry("KAFKA_BOOTSTRAP_SERVERS", internalListener)
                    .containsEntry("DB_URL", databaseUrl)
                    .containsKeys("DB_USERNAME", "DB_PASSWORD");
            softly.assertThat(environment.get("DB_USERNAME")).as(service + " database role")
                    .isNotEqualTo(postgres.get("POSTGRES_USER"))
                    .isEqualTo(service.replace('-', '_'));
            roles.add(environment.get("DB_USERNAME"));
        }
        softly.assertThat(roles).as("one database role per service").hasSize(services.size());
        softly.assertAll();
    }

    @Test
    void publishesThePortsOfTheDesign() {
        SoftAssertions softly = new SoftAssertions();
        SERVICE_PORTS.forEach((service, port) -> {
            softly.assertThat(compose.ports(service)).as(service + " ports")
                    .extracting(PortMapping::hostPort, PortMapping::containerPort)
                    .containsExactly(tuple(port, port));
            softly.assertThat(compose.buildArgs(service)).as(service + " build args")
                    .containsEntry("SERVER_PORT", port.toString());
            softly.assertThat(Repository.read(service + "/src/main/resources/application.yml"))
                    .as(service + " default port").contains("${SERVER_PORT:" + port + "}");
        });
        INFRASTRUCTURE_PORTS.forEach((service, port) -> softly.assertThat(compose.ports(service))
                .as(service + " ports").extracting(PortMapping::hostPort).contains(port));
        softly.assertThat(compose.ports("mailpit")).as("mailpit: web UI and SMTP")
                .extracting(PortMapping::hostPort).contains(8025, 1025);
        softly.assertAll();
    }

    @Test
    void checksEveryServiceOnItsReadinessProbe() {
        SERVICE_PORTS.forEach((service, port) -> assertThat(compose.healthcheck(service)).as(service + " health check")
                .isNotNull()
                .contains("http://localhost:" + port + "/actuator/health/readiness"));
    }

    /** Without one, a container counts as up as soon as its process runs, and nobody can wait for it properly. */
    @Test
    void checksTheHealthOfEveryContainer() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : compose.services()) {
            softly.assertThat(compose.healthcheck(service)).as(service + " health check").isNotBlank();
        }
        softly.assertThat(compose.healthcheck("kafka-ui")).as("kafka-ui health check")
                .contains("http://localhost:8080/actuator/health");
        softly.assertAll();
    }

    @Test
    void startsEveryServiceOnceWhatItNeedsIsHealthy() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : Repository.eventDrivenServices(compose)) {
            softly.assertThat(compose.dependsOn(service)).as(service + " depends_on")
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("postgres", "service_healthy");
        }
        softly.assertThat(compose.dependsOn("notification-service")).containsEntry("mailpit", "service_healthy");
        for (String service : compose.services()) {
            compose.dependsOn(service).forEach((dependency, condition) -> {
                softly.assertThat(condition).as(service + " waits for " + dependency).isEqualTo("service_healthy");
                softly.assertThat(compose.healthcheck(dependency)).as(dependency + " health check").isNotNull();
            });
        }
        softly.assertAll();
    }

    /**
     * Compose runs identity-service as a deployment would, without the local profile and its demo defaults: every
     * secret its configuration reads without a default is given, and its tokens name the issuer a browser on the host
     * calls. It needs neither Kafka nor the database.
     */
    @Test
    void runsTheTokenIssuerWithEverySecretAndTheHostIssuer() {
        Map<String, String> environment = compose.environment(Repository.IDENTITY_SERVICE);
        Set<String> withoutDefault = Repository.placeholdersWithoutDefault(
                Repository.read(Repository.IDENTITY_SERVICE + "/src/main/resources/application.yml"));

        assertThat(withoutDefault).isNotEmpty();
        assertThat(environment).containsKeys(withoutDefault.toArray(String[]::new))
                .containsEntry("AUTH_ISSUER_URI", "http://localhost:9000")
                .doesNotContainKeys("SPRING_PROFILES_ACTIVE", "KAFKA_BOOTSTRAP_SERVERS", "DB_URL");
        assertThat(environment.values()).as("no secret left empty").allSatisfy(value -> assertThat(value).isNotBlank());
        assertThat(compose.dependsOn(Repository.IDENTITY_SERVICE)).isEmpty();
    }

    @Test
    void pinsEveryImage() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : compose.services()) {
            String image = compose.image(service);
            softly.assertThat(image).as(service + " image").isNotNull().matches(".+:[^:/]+")
                    .doesNotEndWith(":latest");
        }
        softly.assertAll();
    }

    /**
     * The broker in compose is the Kafka the code is built, tested and run locally with: the version of the Kafka jars
     * (Spring Boot's dependency management), not one picked by hand that drifts behind them.
     */
    @Test
    void runsTheKafkaOfTheJars() {
        assertThat(compose.image("kafka")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void boundsEveryContainersMemory() {
        for (String service : compose.services()) {
            assertThat(compose.service(service)).as(service).containsKey("mem_limit");
        }
    }

    @Test
    void formatsKafkaWithAValidClusterId() {
        String clusterId = compose.environment("kafka").get("CLUSTER_ID");
        assertThat(clusterId).hasSize(22);
        assertThat(Base64.getUrlDecoder().decode(clusterId)).as("a base64-encoded UUID").hasSize(16);
    }

    /** A missing source would be created by Docker as an empty directory, and the container would start without it. */
    @Test
    void mountsOnlyFilesTheRepositoryHas() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : compose.services()) {
            compose.bindMounts(service).forEach((target, source) -> softly.assertThat(Repository.file(source))
                    .as(service + " mounts " + source + " at " + target).exists());
        }
        softly.assertAll();
    }

    @Test
    void initialisesTheDatabaseWithTheScriptTheTestsRun() {
        assertThat(compose.service("postgres").get("volumes").toString())
                .contains("./local-postgres/src/main/resources/eventmart-service-roles.sql:/docker-entrypoint-initdb.d/");
    }
}
