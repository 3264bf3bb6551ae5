package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.analytics.ShopFigures.Added;
import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A known stream of activity and order events, interrupted part-way the hard way and resumed: every figure the API
 * serves (user, product, overview with its orders block, per-minute series, funnel) comes out exact.
 */
@ServiceIntegrationTest
class AnalyticsRestartIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    private RestTestClient http;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Value("${spring.kafka.streams.application-id}")
    private String streamsApplicationId;

    @Value("${spring.kafka.streams.state-dir}")
    private Path stateDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void streamsRunning() {
        StreamsRunning.await(streams);
    }

    /**
     * How this proves no loss and no double count:
     * <ol>
     * <li>Part A is produced and awaited until every figure shows exactly A: the stop below is part-way, with some
     * of the stream counted and the rest (B, C) not yet produced.</li>
     * <li>Part B is produced and, while the client is processing it, its transactional producer is fenced
     * ({@code Admin.fenceProducers}), as a new instance taking over after a crash would: the open transaction (store
     * updates, changelog and repartition records, consumed offsets) is aborted, and what it had done must be done
     * again from the last commit, once.</li>
     * <li>The client is closed and its local state directory deleted ({@code KafkaStreams.cleanUp()}), so the restart
     * has to rebuild every store from its changelog topics: the figures afterwards are what Kafka committed, not what
     * a local RocksDB copy happened to hold.</li>
     * <li>Part C is produced while the client is down (queries answer {@code 503}); the restart must pick it up from
     * the committed offsets.</li>
     * <li>The figures must then equal A + B + C exactly, and stay so.</li>
     * </ol>
     */
    @Test
    void keepsEveryFigureExactWhenStreamsIsInterruptedMidStreamAndRestoredFromItsChangelogs() throws Exception {
        String user = "restart-" + run;
        String product = "R-" + run;
        UUID confirmedOrder = UUID.randomUUID();
        UUID cancelledOrder = UUID.randomUUID();
        UUID expiredOrder = UUID.randomUUID();
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofMinutes(10));
        ShopFigures before = ShopFigures.settled(http, streamsApplicationId, from, to);
        List<DomainEvent> produced = new ArrayList<>();

        try (EventProbe probe = EventProbe.on(Topics.ACTIVITY_TRACKED)) {
            IntFunction<List<DomainEvent>> visit = i -> List.of(Fixtures.pageView(user, "s" + i, Fixtures.now()),
                    Fixtures.productView(user, "s" + i, product, i, Fixtures.now()));

            List<DomainEvent> partA = new ArrayList<>();
            IntStream.range(0, 5).forEach(i -> partA.addAll(visit.apply(i)));
            partA.add(Fixtures.placed(confirmedOrder, "40.00", Fixtures.now()));
            partA.add(Fixtures.placed(cancelledOrder, "10.00", Fixtures.now()));
            produce(probe, partA, produced);
            ShopFigures.awaitAdded(http, from, to, before,
                    Added.nothing().users(1).products(1).pageViews(5).productViews(5).ordersPlaced(2), produced);
            assertUser(user, 5, 5, 0, 0);

            List<DomainEvent> partB = new ArrayList<>();
            IntStream.range(5, 10).forEach(i -> partB.addAll(visit.apply(i)));
            partB.add(Fixtures.addToCart(user, "s9", product, Fixtures.now()));
            partB.add(Fixtures.confirmed(confirmedOrder, "40.00", Fixtures.now()));
            partB.add(Fixtures.cancelled(cancelledOrder, "10.00", Fixtures.now()));
            produce(probe, partB, produced);
            fenceStreamsProducers();

            KafkaStreams interrupted = streams.getKafkaStreams();
            streams.stop();
            assertThat(interrupted.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            interrupted.cleanUp();
            assertThat(taskStateDirectories()).as("local state left after cleanUp()").isEmpty();
            http.get().uri("/api/analytics/users/{id}", user).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

            List<DomainEvent> partC = new ArrayList<>();
            partC.add(Fixtures.purchase(user, "s9", product, 2, "20.00", Fixtures.now()));
            partC.add(Fixtures.placed(expiredOrder, "25.00", Fixtures.now()));
            partC.add(Fixtures.expired(expiredOrder, "25.00", Fixtures.now()));
            // Republished by order-service's outbox after a crash: a new record of the same fact, counted once.
            partC.add(Fixtures.confirmed(confirmedOrder, "40.00", Fixtures.now()));
            produce(probe, partC, produced);
        }

        streams.start();
        StreamsRunning.await(streams);

        ShopFigures.awaitAdded(http, from, to, before, Added.nothing().users(1).products(1).pageViews(10)
                .productViews(10).cartAdditions(1).purchases(1).revenue("40.00").ordersPlaced(3)
                .ordersConfirmed(1, "40.00").ordersCancelled(1).ordersExpired(1), produced);
        assertUser(user, 10, 10, 1, 1);
        http.get().uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sessions").isEqualTo(10)
                .jsonPath("$.totalSpent").isEqualTo(40.0);
        http.get().uri("/api/analytics/products/{id}", product).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.views").isEqualTo(10)
                .jsonPath("$.uniqueViewers").isEqualTo(1)
                .jsonPath("$.cartAdditions").isEqualTo(1)
                // One purchase of quantity 2: two units, per 100 views.
                .jsonPath("$.purchases").isEqualTo(2)
                .jsonPath("$.revenue").isEqualTo(40.0)
                .jsonPath("$.conversionRate").isEqualTo(20.0)
                .jsonPath("$.averageViewDurationSeconds").isEqualTo(4.5);
    }

    /** The task directories (one per task with stores, e.g. {@code 0_1}) of the application's local state. */
    private List<String> taskStateDirectories() throws IOException {
        Path applicationState = stateDir.resolve(streamsApplicationId);
        if (!Files.exists(applicationState)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(applicationState)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
        }
    }

    private static void produce(EventProbe probe, List<DomainEvent> part, List<DomainEvent> produced) {
        part.forEach(event -> probe.send(event, "restart-test"));
        produced.addAll(part);
    }

    private void assertUser(String user, int pageViews, int productViews, int cartAdditions, int purchases) {
        Awaitility.await(user + " counted").atMost(TIMEOUT).untilAsserted(() -> http.get()
                .uri("/api/analytics/users/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pageViews").isEqualTo(pageViews)
                .jsonPath("$.productViews").isEqualTo(productViews)
                .jsonPath("$.cartAdditions").isEqualTo(cartAdditions)
                .jsonPath("$.purchases").isEqualTo(purchases));
    }

    /**
     * Fences every transactional producer of the Streams application, aborting the transaction it has open: what a
     * crashed instance leaves behind once another takes over. The client notices on its next send or commit, drops
     * its tasks' uncommitted work and resumes from the last commit.
     */
    private void fenceStreamsProducers() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            List<String> transactionalIds = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(streamsApplicationId + "-"))
                    .toList();
            assertThat(transactionalIds).as("the Streams client's transactional ids").isNotEmpty();
            admin.fenceProducers(transactionalIds).all().get(10, TimeUnit.SECONDS);
        }
    }
}
