package dev.eventmart.order.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.order.OrderFixtures;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventBatches;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The shared listener error handler against the real broker and database. A batch listener of the test's own
 * applies a compensation ({@code StockReleased}) through {@link EventBatches}, as the saga's listeners do, and
 * fails as each test scripts it. The database outage is real: PostgreSQL refuses connections to the test database
 * and drops those open, so every attempt waits out Hikari's connection timeout and fails as with PostgreSQL down.
 * Retries are short and few here (2), so the difference between "retried until it passes" and "dead-lettered
 * after the retries" shows within seconds.
 */
@ServiceIntegrationTest
@Import(ListenerFailuresIntegrationTests.ScriptedListener.class)
@TestPropertySource(properties = {
        "spring.datasource.hikari.connection-timeout=250",
        "eventmart.messaging.retry.max-retries=2",
        "eventmart.messaging.retry.initial-interval=50ms",
        "eventmart.messaging.retry.max-interval=100ms",
        "eventmart.messaging.retry.transient-max-interval=200ms"})
class ListenerFailuresIntegrationTests {

    private static final String TOPIC = "test.stock.released";
    private static final int MAX_RETRIES = 2;

    @Autowired
    private ScriptedListener listener;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RestTestClient http;

    @Test
    void retriesACompensationWhileTheDatabaseIsAwayAndAppliesItOnceBack() {
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(TOPIC))) {
            StockReleased released = listener.expect(Outcome.APPLY);
            EventMetadata sent;
            DatabaseOutage.begin();
            try {
                sent = send(released);

                // With bounded retries it would be in the dead-letter topic after 1 + MAX_RETRIES attempts.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> listener.attemptsOf(released) >= 2 * (1 + MAX_RETRIES));
            }
            finally {
                DatabaseOutage.end();
            }

            // The pool reconnects on its own; until it has, the check itself cannot get a connection.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                    .until(() -> processed(sent.id()));
            assertThat(recordsFor(deadLetters, released)).isEmpty();
        }
    }

    @Test
    void answersAnOrderPlacedWhileTheDatabaseIsAway503WithRetryAfterAndTakesItsRetry() {
        Map<String, Object> request = OrderFixtures.orderRequest(OrderFixtures.customer(), "tok_visa",
                List.of(OrderFixtures.item("P-UNKNOWN-TO-THE-CATALOG", 1)));
        String key = UUID.randomUUID().toString();
        DatabaseOutage.begin();
        try {
            http.post().uri("/api/orders").header("Idempotency-Key", key).body(request).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectHeader().contentType("application/problem+json")
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("\"status\":503").doesNotContain("Exception").doesNotContain("at dev."));
        }
        finally {
            DatabaseOutage.end();
        }
        // Back, the same request is answered as any other: here 422 for a product not in the catalog.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.post().uri("/api/orders")
                .header("Idempotency-Key", key).body(request).exchange().expectStatus().isEqualTo(422));
    }

    @Test
    void deadLettersACompensationThatCanNeverPassAfterOneAttempt() {
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(TOPIC))) {
            StockReleased released = listener.expect(Outcome.BREAK_A_RULE);
            send(released);

            ReceivedEvent deadLetter = deadLetters.awaitRecord(record -> isFor(record, released));

            assertThat(listener.attemptsOf(released)).isEqualTo(1);
            assertThat(deadLetter.header("kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(deadLetter.header("kafka_dlt-original-topic")).isEqualTo(TOPIC);
        }
    }

    @Test
    void deadLettersAFailureOfUnknownKindAfterItsBoundedRetries() {
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(TOPIC))) {
            StockReleased released = listener.expect(Outcome.FAIL_UNEXPECTEDLY);
            send(released);

            ReceivedEvent deadLetter = deadLetters.awaitRecord(record -> isFor(record, released));

            assertThat(listener.attemptsOf(released)).isEqualTo(1 + MAX_RETRIES);
            assertThat(deadLetter.header("kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo(IllegalStateException.class.getName());
        }
    }

    private EventMetadata send(StockReleased released) {
        try (EventProbe probe = EventProbe.on(TOPIC)) {
            EventMetadata metadata = EventMetadata.forNewEvent(released, "inventory-service", released.subject(),
                    Instant.now());
            probe.send(CloudEventRecords.toRecord(TOPIC, metadata, EventCodec.encode(released)));
            return metadata;
        }
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = ? and handler = ?")
                .param(eventId).param(ScriptedListener.ID).query(Integer.class).single() == 1;
    }

    private static List<ReceivedEvent> recordsFor(EventProbe probe, StockReleased released) {
        return probe.receivedToEnd().stream().filter(record -> isFor(record, released)).toList();
    }

    private static boolean isFor(ReceivedEvent record, StockReleased released) {
        return released.subject().equals(record.key());
    }

    /**
     * PostgreSQL refusing the service: the test database stops accepting connections and those open are ended, as
     * when the server is down. Done from the {@code postgres} database, the only one that still takes connections.
     */
    private static final class DatabaseOutage {

        static void begin() {
            run("alter database " + name() + " allow_connections false",
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name() + "'");
        }

        static void end() {
            run("alter database " + name() + " allow_connections true");
        }

        private static void run(String... statements) {
            TestDatabase database = TestInfrastructure.database();
            String adminUrl = database.url().replaceFirst("/" + name() + "(\\?|$)", "/postgres$1");
            try (Connection admin = DriverManager.getConnection(adminUrl, database.username(), database.password());
                    Statement sql = admin.createStatement()) {
                for (String statement : statements) {
                    sql.execute(statement);
                }
            }
            catch (SQLException ex) {
                throw new IllegalStateException("could not change the test database", ex);
            }
        }

        private static String name() {
            String url = TestInfrastructure.database().url();
            String path = url.substring(url.lastIndexOf('/') + 1);
            return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        }
    }

    enum Outcome {
        /** Marks the event processed: the effect, in the batch's transaction. */
        APPLY,
        /** A rule on the event's content that no retry changes. */
        BREAK_A_RULE,
        /** Something no rule names. */
        FAIL_UNEXPECTEDLY
    }

    /** Applies each event as its test scripted it, counting every delivery. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ScriptedListener {

        static final String ID = "order-service.listener-failures-test";

        private final EventBatches batches;
        private final ProcessedEvents processedEvents;
        private final Map<UUID, Outcome> script = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

        ScriptedListener(EventBatches batches, ProcessedEvents processedEvents) {
            this.batches = batches;
            this.processedEvents = processedEvents;
        }

        @Bean
        NewTopic scriptedTopic() {
            return TopicBuilder.name(TOPIC).partitions(1).build();
        }

        @Bean
        NewTopic scriptedDeadLetterTopic() {
            return TopicBuilder.name(Topics.deadLetterOf(TOPIC)).partitions(1).build();
        }

        StockReleased expect(Outcome outcome) {
            StockReleased released = new StockReleased(UUID.randomUUID(), List.of(new StockLine("P-1", 1)),
                    Instant.now());
            script.put(released.orderId(), outcome);
            return released;
        }

        int attemptsOf(StockReleased released) {
            return attempts.getOrDefault(released.orderId(), new AtomicInteger()).get();
        }

        @KafkaListener(id = ID, topics = TOPIC, batch = "true")
        void on(List<ConsumerRecord<String, byte[]>> records) {
            // Counted before the transaction, so an attempt that cannot even begin one counts too.
            batches.applyAll(records, StockReleased.class, messages -> messages.stream()
                    .map(message -> attempts.computeIfAbsent(message.event().orderId(), id -> new AtomicInteger())
                            .incrementAndGet())
                    .toList(), (messages, attempt) -> messages.forEach(message -> {
                        switch (script.get(message.event().orderId())) {
                            case APPLY -> processedEvents.markProcessed(message.metadata().id(), ID);
                            case BREAK_A_RULE -> throw new IllegalArgumentException("cannot release 0 units");
                            case FAIL_UNEXPECTEDLY -> throw new IllegalStateException("nobody expected this");
                        }
                    }));
        }
    }
}
