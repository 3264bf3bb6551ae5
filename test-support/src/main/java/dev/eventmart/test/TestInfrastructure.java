package dev.eventmart.test;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real infrastructure of a test JVM, started on first use and shared by every Spring context in it: one Kafka
 * broker (KRaft, from the Kafka jars, random port) and one fresh PostgreSQL database. Each Maven module's tests
 * run in their own JVM, so modules never see each other's topics or tables.
 */
public final class TestInfrastructure {

    private static final Lazy<TestDatabase> DATABASE = new Lazy<>(TestDatabase::create);
    private static final Lazy<EmbeddedKafkaBroker> BROKER = new Lazy<>(TestInfrastructure::startBroker);

    private TestInfrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return BROKER.get().getBrokersAsString();
    }

    public static TestDatabase database() {
        return DATABASE.get();
    }

    private static EmbeddedKafkaBroker startBroker() {
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
