package dev.eventmart.test;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real infrastructure of a test JVM, started on first use and shared by every Spring context in it: one Kafka
 * broker and one fresh PostgreSQL database. Each Maven module's tests run in their own JVM, so modules never see
 * each other's topics or tables.
 *
 * <p>Where they come from, first match wins:
 * <ul>
 * <li>PostgreSQL: the server {@code DB_URL}/{@code DB_USERNAME}/{@code DB_PASSWORD} name (a database of its own
 * on it); else a container when Testcontainers is on ({@link TestcontainersSwitch}); else a server of this JVM's
 * own from the binaries on the classpath ({@link LocalTestPostgres}), so a machine with only a JDK runs the tests.
 * <li>Kafka: a container when Testcontainers is on; else a broker in this JVM (KRaft, from the Kafka jars).
 * </ul>
 * Wherever the database is, it gets every service's role and schema, and a service under test logs in as its role
 * ({@link RealInfrastructureInitializer}), never as the admin.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final Lazy<Boolean> CONTAINERS = new Lazy<>(TestcontainersSwitch::on);
    private static final Lazy<TestDatabase> DATABASE = new Lazy<>(TestInfrastructure::startDatabase);
    private static final Lazy<String> BROKER = new Lazy<>(TestInfrastructure::startBroker);

    private TestInfrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return BROKER.get();
    }

    public static TestDatabase database() {
        return DATABASE.get();
    }

    private static TestDatabase startDatabase() {
        String serverUrl = System.getenv("DB_URL");
        TestDatabase database;
        if (serverUrl != null && !serverUrl.isBlank()) {
            database = TestDatabase.onServer(serverUrl, env("DB_USERNAME", "postgres"), env("DB_PASSWORD", ""));
        }
        else if (CONTAINERS.get()) {
            PostgreSQLContainer container = new PostgreSQLContainer(EventMartContainers.POSTGRES);
            container.start();
            database = new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "container " + EventMartContainers.POSTGRES);
        }
        else {
            database = LocalTestPostgres.start();
        }
        database.createServiceRoles();
        log.info("Test database: {}", database);
        return database;
    }

    private static String startBroker() {
        if (CONTAINERS.get()) {
            KafkaContainer container = new KafkaContainer(EventMartContainers.KAFKA);
            container.start();
            return container.getBootstrapServers();
        }
        return startEmbeddedBroker().getBrokersAsString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static EmbeddedKafkaBroker startEmbeddedBroker() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1)
                .brokerProperties(Map.of(
                        "group.initial.rebalance.delay.ms", "0",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
        return broker;
    }

    /**
     * Created once; a failure is kept and thrown again as it was, so every test class reports the same one-line
     * cause (say, PostgreSQL not reachable) instead of a class-initialization error.
     */
    private static final class Lazy<T> {

        private final Supplier<T> factory;
        private T value;
        private RuntimeException failure;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null && failure == null) {
                try {
                    value = factory.get();
                }
                catch (RuntimeException ex) {
                    failure = ex;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
