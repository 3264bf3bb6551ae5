package dev.eventmart.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.support.outbox.Outbox;
import dev.eventmart.support.outbox.OutboxProperties;
import dev.eventmart.support.outbox.OutboxRelay;
import dev.eventmart.support.outbox.OutboxStatus;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.RecordedSpans;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * service-support's outbox relay against the real broker and database, on an outbox table in a schema of its own,
 * so the service's own relay stays out of it. Two relays on one outbox play two instances of a service: every event
 * goes out exactly once and, per key, in the order it was stored. An event Kafka can never accept is parked and
 * the rest go out; a batch the broker does not take stays in the outbox, and the status reports it. An event goes out
 * in the trace of the transaction that stored it, however much later.
 */
@ServiceIntegrationTest
class OutboxRelayIntegrationTests {

    private static final String SCHEMA = "relay_test";

    private static final int MAX_ATTEMPTS = 3;

    @Autowired
    private KafkaTemplate<String, byte[]> kafka;

    @Autowired
    private Tracer tracer;

    private JdbcClient jdbc;

    private JdbcTemplate jdbcTemplate;

    private TransactionTemplate transactions;

    private final List<OutboxRelay> relays = new ArrayList<>();

    private DefaultKafkaProducerFactory<String, byte[]> unreachableProducers;

    @BeforeEach
    void outboxOfItsOwn() {
        // As the admin: the service's own role may create nothing outside its schema.
        TestDatabase database = TestInfrastructure.database();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
                database.password());
        JdbcClient admin = JdbcClient.create(dataSource);
        admin.sql("create schema if not exists " + SCHEMA).update();
        admin.sql("drop table if exists " + SCHEMA + ".outbox_event").update();
        admin.sql("create table " + SCHEMA + ".outbox_event (like orders.outbox_event including all)").update();
        admin.sql("drop table if exists " + SCHEMA + ".outbox_parked").update();
        admin.sql("create table " + SCHEMA + ".outbox_parked (like orders.outbox_parked including all)").update();
        dataSource.setSchema(SCHEMA);
        jdbcTemplate = new JdbcTemplate(dataSource);
        jdbc = JdbcClient.create(jdbcTemplate);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        if (unreachableProducers != null) {
            unreachableProducers.destroy();
        }
    }

    @Test
    void twoRelaysOnOneOutboxPublishEveryEventOnceAndPerKeyInStoredOrder() {
        OutboxRelay first = relay(7);
        OutboxRelay second = relay(5);
        Outbox outbox = new Outbox(jdbcTemplate, first, "relay-test", Clock.systemUTC());
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, List<UUID>> storedPerOrder = new LinkedHashMap<>();
        try (EventProbe probe = EventProbe.on(Topics.STOCK_RELEASED)) {
            for (int transaction = 0; transaction < 40; transaction++) {
                transactions.executeWithoutResult(status -> {
                    for (int event = 0; event < 5; event++) {
                        UUID order = orders.get((int) (Math.random() * orders.size()));
                        UUID id = outbox.add(released(order)).id();
                        storedPerOrder.computeIfAbsent(order, key -> new ArrayList<>()).add(id);
                    }
                });
                // The second relay is only polled and woken by hand: it competes for the same rows.
                second.wakeUp();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows() == 0);

            Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
            List<ReceivedEvent> published = probe.receivedToEnd().stream()
                    .filter(received -> keys.contains(received.key())).toList();
            Map<UUID, List<UUID>> publishedPerOrder = new LinkedHashMap<>();
            for (ReceivedEvent received : published) {
                publishedPerOrder.computeIfAbsent(UUID.fromString(received.key()), key -> new ArrayList<>())
                        .add(received.metadata().id());
            }
            assertThat(published).hasSize(200);
            assertThat(publishedPerOrder).isEqualTo(storedPerOrder);
        }
    }

    @Test
    void anEventGoesOutInTheTraceOfTheTransactionThatStoredItEvenAfterARestart() {
        // A relay that never runs: the event waits in the outbox, as when a service stops before publishing it.
        OutboxRelay stopped = new OutboxRelay(jdbc, transactions, kafka, properties(10), new SimpleMeterRegistry());
        Outbox outbox = new Outbox(jdbcTemplate, stopped, "relay-test", Clock.systemUTC());
        UUID order = UUID.randomUUID();
        Span storing = tracer.nextSpan().name("stores an event").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(storing)) {
            transactions.executeWithoutResult(status -> outbox.add(released(order)));
        }
        finally {
            storing.end();
        }
        assertThat(jdbc.sql("select trace_context from outbox_event").query(String.class).single())
                .startsWith("00-" + storing.context().traceId() + "-" + storing.context().spanId() + "-");

        try (EventProbe probe = EventProbe.on(Topics.STOCK_RELEASED)) {
            relay(10); // the relay of the next start

            String[] traceparent = probe.awaitRecord(received -> order.toString().equals(received.key()))
                    .header(EventHeaders.TRACEPARENT).split("-");
            assertThat(traceparent[1]).isEqualTo(storing.context().traceId());
            SpanData send = RecordedSpans.withId(traceparent[2]);
            assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(send.getParentSpanId()).isEqualTo(storing.context().spanId());
        }
    }

    @Test
    void anEventKafkaCanNeverAcceptIsParkedAndTheRestOfItsBatchGoesOut() {
        OutboxRelay relay = relay(10);
        Outbox outbox = new Outbox(jdbcTemplate, relay, "relay-test", Clock.systemUTC());
        UUID tooLarge = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.STOCK_RELEASED)) {
            UUID parkedId = transactions.execute(status -> {
                UUID id = outbox.add(released(tooLarge)).id();
                // Larger than the producer's max.request.size (1 MB): Kafka refuses it whatever we do.
                jdbc.sql("update outbox_event set payload = :payload where event_id = :id")
                        .param("payload", new byte[2 * 1024 * 1024]).param("id", id).update();
                outbox.add(released(fine));
                return id;
            });

            probe.awaitRecord(received -> fine.toString().equals(received.key()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
            assertThat(jdbc.sql("select event_id, error from outbox_parked").query((row, n) -> Map.entry(
                    row.getObject("event_id", UUID.class), row.getString("error"))).list())
                    .singleElement().satisfies(parked -> {
                        assertThat(parked.getKey()).isEqualTo(parkedId);
                        assertThat(parked.getValue()).contains("RecordTooLargeException");
                    });
            assertThat(probe.receivedToEnd()).noneMatch(received -> tooLarge.toString().equals(received.key()));
        }
        OutboxStatus status = new OutboxStatus(jdbc, Clock.systemUTC(), Duration.ofMinutes(2),
                new SimpleMeterRegistry());
        assertThat(status.health(true).getDetails()).containsEntry("backlog", 0L).containsEntry("parked", 1L);
    }

    @Test
    void aBatchTheBrokerDoesNotTakeStaysInTheOutboxAndTheStatusSaysSo() {
        // A real producer with no broker behind its address: every send times out (retriable), nothing is refused.
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 200,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 500, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 400),
                new StringSerializer(), new ByteArraySerializer());
        unreachableProducers = producers;
        OutboxRelay relay = relay(10, new KafkaTemplate<>(producers));
        Outbox outbox = new Outbox(jdbcTemplate, relay, "relay-test", Clock.systemUTC());
        transactions.executeWithoutResult(status -> outbox.add(released(UUID.randomUUID())));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> outboxRows() == 1);
        assertThat(jdbc.sql("select count(*) from outbox_parked").query(Long.class).single()).isZero();
        OutboxStatus status = new OutboxStatus(jdbc, Clock.systemUTC(), Duration.ofSeconds(1),
                new SimpleMeterRegistry());
        assertThat(status.health(true).getStatus().getCode()).isEqualTo("DOWN");
        assertThat(status.health(true).getDetails()).containsEntry("backlog", 1L);
    }

    @Test
    void anEventTheBrokerNeverTakesIsParkedAfterItsAttemptsWhileTheRestOfItsBatchGoesOut() {
        UUID before = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // The real broker, except that every send of one event fails as a broker short of replicas would answer: a
        // failure that is not "refused for good", so it is retried, while the others of its batch are acknowledged.
        KafkaTemplate<String, byte[]> failingOne = new KafkaTemplate<>(kafka.getProducerFactory()) {
            @Override
            public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                return lost.toString().equals(record.key())
                        ? CompletableFuture.failedFuture(new KafkaException("Send failed",
                                new NotEnoughReplicasException("not enough in-sync replicas")))
                        : super.send(record);
            }
        };
        OutboxRelay relay = relay(10, failingOne);
        Outbox outbox = new Outbox(jdbcTemplate, relay, "relay-test", Clock.systemUTC());
        try (EventProbe probe = EventProbe.on(Topics.STOCK_RELEASED)) {
            UUID parkedId = transactions.execute(status -> {
                outbox.add(released(before));
                UUID id = outbox.add(released(lost)).id();
                outbox.add(released(after));
                return id;
            });

            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows() == 0);
            assertThat(jdbc.sql("select event_id, error from outbox_parked").query((row, n) -> Map.entry(
                    row.getObject("event_id", UUID.class), row.getString("error"))).list())
                    .singleElement().satisfies(parked -> {
                        assertThat(parked.getKey()).isEqualTo(parkedId);
                        assertThat(parked.getValue()).contains("not acknowledged in " + MAX_ATTEMPTS + " attempts")
                                .contains("NotEnoughReplicasException");
                    });
            probe.awaitRecord(received -> before.toString().equals(received.key()));
            probe.awaitRecord(received -> after.toString().equals(received.key()));
            assertThat(probe.receivedToEnd()).noneMatch(received -> lost.toString().equals(received.key()));
        }
    }

    @Test
    void whileTheBrokerIsAwayTheRelayNeitherParksNorHoldsItsLockWaitingForIt() {
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 500),
                new StringSerializer(), new ByteArraySerializer());
        unreachableProducers = producers;
        OutboxRelay relay = relay(10, new KafkaTemplate<>(producers));
        Outbox outbox = new Outbox(jdbcTemplate, relay, "relay-test", Clock.systemUTC());
        transactions.executeWithoutResult(status -> {
            for (int event = 0; event < 5; event++) {
                outbox.add(released(UUID.randomUUID()));
            }
        });

        // Waiting for the broker's metadata happens outside the relay's transaction: its lock (and its rows) stay
        // free for another instance, however many rounds it tries. Sending inside it held both for max.block.ms per
        // event.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "select pg_try_advisory_xact_lock(hashtext('eventmart.outbox.' || current_schema()))")
                .query(Boolean.class).single());
        assertThat(outboxRows()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from outbox_parked").query(Long.class).single()).isZero();
    }

    @Test
    void theRelayOutlivesAnErrorThrownWhilePublishing() {
        AtomicInteger sends = new AtomicInteger();
        KafkaTemplate<String, byte[]> failingOnce = new KafkaTemplate<>(kafka.getProducerFactory()) {
            @Override
            public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                if (sends.getAndIncrement() == 0) {
                    throw new AssertionError("a bug, not the broker's fault");
                }
                return super.send(record);
            }
        };
        OutboxRelay relay = relay(10, failingOnce);
        Outbox outbox = new Outbox(jdbcTemplate, relay, "relay-test", Clock.systemUTC());
        UUID order = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.STOCK_RELEASED)) {
            transactions.executeWithoutResult(status -> outbox.add(released(order)));

            probe.awaitRecord(received -> order.toString().equals(received.key()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
            assertThat(sends).hasValueGreaterThan(1);
        }
    }

    private OutboxRelay relay(int batchSize) {
        return relay(batchSize, kafka);
    }

    /**
     * A relay that polls every 100 ms, retries from 50 ms, parks after {@value #MAX_ATTEMPTS} attempts and vacuums
     * its table every 10 events, so that path runs here too.
     */
    private OutboxRelay relay(int batchSize, KafkaTemplate<String, byte[]> template) {
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, template, properties(batchSize),
                new SimpleMeterRegistry());
        relay.start();
        relays.add(relay);
        return relay;
    }

    private static OutboxProperties properties(int batchSize) {
        return new OutboxProperties(batchSize, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofMinutes(2), 10, MAX_ATTEMPTS);
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
    }

    private static StockReleased released(UUID order) {
        return new StockReleased(order, List.of(new StockLine("P-1001", 1)), Instant.now());
    }
}
