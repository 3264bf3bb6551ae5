package dev.eventmart.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.EventType;
import dev.eventmart.localpostgres.ServiceRoles;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.support.messaging.EventPublisher;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import dev.eventmart.test.api.OpenApiContract;
import dev.eventmart.test.metrics.DashboardQueries;
import dev.eventmart.test.metrics.PrometheusScrape;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every EventMart service must do against the real broker and database, checked once here and run by each
 * service's integration tests: own its schema through Flyway, connect as its own database role confined to that
 * schema, report health with database and Kafka, serve metrics and its committed API document, publish a
 * CloudEvents record that another client reads back, and keep the inbox.
 */
@ServiceIntegrationTest
public abstract class AbstractServiceIntegrationTests {

    @Autowired
    protected RestTestClient http;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected EventPublisher events;

    @Autowired
    protected TransactionTemplate transactions;

    /** Absent where the service writes no outbox rows ({@code eventmart.outbox.enabled=false}). */
    @Autowired
    protected ObjectProvider<Outbox> outbox;

    @Autowired
    private Flyway flyway;

    @Autowired
    private ProcessedEvents processedEvents;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Value("${spring.application.name}")
    private String applicationName;

    /** The PostgreSQL schema the service owns. */
    protected abstract String schema();

    /** An event this service publishes, to send through the broker. */
    protected abstract DomainEvent sampleEvent();

    @Test
    void ownsItsSchemaThroughFlyway() {
        assertThat(flyway.getConfiguration().getSchemas()).containsExactly(schema());
        List<MigrationInfo> applied = Arrays.asList(flyway.info().applied());

        assertThat(applied).isNotEmpty().allMatch(migration -> migration.getState() == MigrationState.SUCCESS);
        assertThat(tablesOf(schema())).contains("flyway_schema_history", "processed_event", "outbox_event");
    }

    /**
     * Least privilege in PostgreSQL: the service connects as its own role (as in every deployment), which owns its
     * schema and can neither read, write nor create anything in another service's schema (order-service's role
     * cannot read {@code payments}), nor create in {@code public}, nor create schemas.
     */
    @Test
    void connectsAsItsOwnRoleThatNoOtherSchemaAdmits() throws SQLException {
        TestDatabase database = TestInfrastructure.database();
        TestDatabase.Login login = database.login(applicationName);
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(login.username())
                .isNotEqualTo(database.username());
        assertThat(jdbc.sql("select current_schema()").query(String.class).single()).isEqualTo(schema());
        List<String> otherSchemas = ServiceRoles.all().stream().map(ServiceRoles.ServiceRole::schema)
                .filter(other -> !other.equals(schema())).toList();
        assertThat(otherSchemas).hasSize(ServiceRoles.all().size() - 1);
        try (Connection admin = DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement sql = admin.createStatement()) {
            for (String other : otherSchemas) {
                sql.execute("create table if not exists " + other + ".owned_elsewhere (id int primary key)");
                sql.execute("insert into " + other + ".owned_elsewhere values (1) on conflict do nothing");
            }
        }
        for (String other : otherSchemas) {
            assertRefused("select count(*) from " + other + ".owned_elsewhere");
            assertRefused("update " + other + ".owned_elsewhere set id = 2");
            assertRefused("create table " + other + ".intruder (id int)");
        }
        assertRefused("create table public.intruder (id int)");
        assertRefused("create schema intruder");
    }

    private void assertRefused(String statement) {
        assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement)
                .satisfies(ex -> assertThat(sqlState(ex)).as(ex.getMessage()).isEqualTo("42501"));
    }

    private static String sqlState(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Test
    void reportsHealthWithDatabaseAndKafka() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.nodes").isEqualTo(1);
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void servesPrometheusMetricsAndOpenApiDocs() {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("jvm_memory_used_bytes")
                        .contains("application=\"" + applicationName + "\""));
        http.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
        http.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk();
    }

    /**
     * Every query of the Grafana dashboards ({@code deploy/grafana/dashboards/}) that reads this service finds a series
     * on its {@code /actuator/prometheus}: the metric under its Prometheus name, with the labels the query asks for.
     * The Kafka consumers' metrics are bound once each consumer is up, hence the wait.
     */
    @Test
    void servesEverySeriesTheDashboardsAskItFor() {
        List<DashboardQueries.Selector> selectors = DashboardQueries.load().selecting(applicationName);
        assertThat(selectors).as("dashboard queries reading " + applicationName).isNotEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(http.get().uri("/actuator/prometheus").exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(selectors).as("dashboard queries without a series on /actuator/prometheus")
                    .filteredOn(selector -> !scrape.holdsSeriesOf(selector)).isEmpty();
        });
    }

    /** The API's contract as a client generates code from it: valid, and the one under {@code docs/api/}. */
    @Test
    void servesAValidOpenApiDocumentThatIsTheCommittedOne() {
        OpenApiContract.served(http).assertValid().assertMatchesCommitted(applicationName, getClass());
    }

    /** The event contract names this service's consumer groups and the topics each really reads. */
    @Test
    void consumesWhatTheAsyncApiDocumentSays() {
        assertThat(AsyncApiConsumers.running(listeners)).isEqualTo(AsyncApiConsumers.documented(applicationName));
    }

    @Test
    void publishesCloudEventsThatAnotherClientReadsBack() throws Exception {
        DomainEvent event = sampleEvent();
        EventType type = EventType.of(event);
        try (EventProbe probe = EventProbe.on(type.topic())) {
            EventMetadata sentMetadata = events.publish(event, "correlation-" + UUID.randomUUID())
                    .get(10, TimeUnit.SECONDS);

            ReceivedEvent received = probe.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(sentMetadata.id()));

            assertThat(received.event()).isEqualTo(event);
            assertThat(received.key()).isEqualTo(event.subject());
            assertThat(received.metadata()).isEqualTo(sentMetadata);
            assertThat(received.metadata().source()).isEqualTo(applicationName);
            assertThat(received.header(EventHeaders.TYPE)).isEqualTo(type.type());
            assertThat(received.header(EventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(received.header(EventHeaders.CONTENT_TYPE)).isEqualTo(EventHeaders.JSON_CONTENT_TYPE);
        }
    }

    @Test
    void publishesOutboxEventsOnlyAfterCommitAndThenForgetsThem() {
        Outbox outbox = this.outbox.getIfAvailable();
        assumeTrue(outbox != null, applicationName + " writes no outbox rows and runs no relay");
        DomainEvent committed = sampleEvent();
        DomainEvent rolledBack = sampleEvent();
        try (EventProbe probe = EventProbe.on(EventType.of(committed).topic())) {
            EventMetadata rolledBackMetadata = transactions.execute(status -> {
                status.setRollbackOnly();
                return outbox.add(rolledBack);
            });
            EventMetadata committedMetadata = transactions.execute(status -> outbox.add(committed));

            ReceivedEvent received = probe.awaitRecord(record -> record.metadata() != null
                    && record.metadata().id().equals(committedMetadata.id()));

            assertThat(received.event()).isEqualTo(committed);
            assertThat(received.metadata()).isEqualTo(committedMetadata);
            assertThat(probe.received()).noneMatch(record -> record.metadata() != null
                    && record.metadata().id().equals(rolledBackMetadata.id()));
        }
        Awaitility.await().until(() -> jdbc.sql("select count(*) from outbox_event").query(Integer.class).single(),
                count -> count == 0);
    }

    @Test
    void recordsEachProcessedEventOnce() {
        UUID eventId = UUID.randomUUID();

        Boolean first = transactions.execute(status -> processedEvents.markProcessed(eventId, "contract-check"));
        Boolean again = transactions.execute(status -> processedEvents.markProcessed(eventId, "contract-check"));
        Boolean otherHandler = transactions.execute(status -> processedEvents.markProcessed(eventId, "another"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherHandler).isTrue();
    }

    protected List<String> tablesOf(String schema) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = ?")
                .param(schema).query(String.class).list();
    }
}
