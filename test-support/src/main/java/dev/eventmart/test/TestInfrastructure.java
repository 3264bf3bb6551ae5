package dev.eventmart.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real infrastructure of a test JVM, started on first use and shared by every Spring context in it: one Kafka
 * broker (KRaft, from the Kafka jars, random port) and one fresh PostgreSQL database. Each Maven module's tests
 * run in their own JVM, so modules never see each other's topics or tables.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return Broker.INSTANCE.getBrokersAsString();
    }

    public static TestDatabase database() {
        return Database.INSTANCE;
    }

    /** Holder idiom: the database is created when first asked for, once. */
    private static final class Database {
        static final TestDatabase INSTANCE = TestDatabase.create();
    }

    private static final class Broker {
        static final EmbeddedKafkaBroker INSTANCE = start();

        private static EmbeddedKafkaBroker start() {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1)
                    .brokerProperties(Map.of(
                            "group.initial.rebalance.delay.ms", "0",
                            "transaction.state.log.replication.factor", "1",
                            "transaction.state.log.min.isr", "1"));
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
            return broker;
        }
    }
}
