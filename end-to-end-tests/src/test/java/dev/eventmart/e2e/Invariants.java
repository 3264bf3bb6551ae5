package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.invariants.DeadLetterExpectation;
import dev.eventmart.invariants.InvariantChecker;
import dev.eventmart.invariants.Run;
import dev.eventmart.invariants.Sources;
import dev.eventmart.invariants.Units;
import dev.eventmart.invariants.Verdict;
import dev.eventmart.test.ConsumerGroups;
import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import dev.eventmart.test.security.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The end-to-end suite's side of the invariants: waits for every order of a scenario to end and for the platform to
 * settle, then fails the test with every violated check of the shared {@link InvariantChecker} (all six invariants
 * over the scenario's orders). What is the suite's own stays here: the scenario's baseline (stock and dead-letter
 * records when it began, so one scenario that failed half-way does not fail the next as well), the dead letters a
 * scenario announces, and how to tell that the platform has settled: outboxes drained and every consumer group
 * caught up with its topics.
 */
final class Invariants {

    /**
     * The consumer group of every listener of the platform (the {@code @KafkaListener} ids, and analytics' Kafka
     * Streams application id) with the topics it reads. {@link #settle()} fails on a group missing here, so a new
     * listener cannot silently escape the checks.
     */
    static final Map<String, List<String>> SUBSCRIPTIONS = subscriptions();

    private final JdbcClient jdbc;
    private final InvariantChecker checker;
    private final Map<String, Long> announcedDeadLetters = new HashMap<>();
    private Map<String, Units> stockBefore;
    private Map<String, Long> deadLettersBefore;

    Invariants(String analyticsUrl) {
        TestDatabase database = TestInfrastructure.database();
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        this.checker = new InvariantChecker(new Sources(database.url(), database.username(), database.password(),
                TestInfrastructure.kafkaBootstrapServers(), URI.create(analyticsUrl),
                () -> "Bearer " + TestTokens.staff()));
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String status(UUID orderId) {
        return jdbc.sql("select status from orders.customer_order where order_id = ?").param(orderId)
                .query(String.class).optional().orElse(null);
    }

    /**
     * Starts a scenario: stock and dead-letter records are judged against what they are now. Called before each
     * test, so a scenario that failed half-way does not fail the next one as well.
     */
    void startScenario() {
        announcedDeadLetters.clear();
        stockBefore = checker.stock();
        deadLettersBefore = checker.deadLetterCounts();
    }

    /** The scenario sends {@code count} records to {@code deadLetterTopic} on purpose (a poison message). */
    void expectDeadLetters(String deadLetterTopic, long count) {
        announcedDeadLetters.merge(deadLetterTopic, count, Long::sum);
    }

    /** Waits until every order is terminal and the platform has settled, then checks every invariant over them. */
    void assertHold(Collection<UUID> orderIds) {
        Awaitility.await("all orders terminal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> orderIds.stream().allMatch(id -> InvariantChecker.TERMINAL.contains(status(id))));
        assertHoldFor(Run.of(orderIds, stockBefore));
    }

    /**
     * {@link #assertHold(Collection)} for orders order-service never stored, whose events the test sent as
     * order-service would: {@code outcomes} holds the outcome the test announced for each.
     */
    void assertHoldForAnnounced(Map<UUID, String> outcomes) {
        assertHoldFor(Run.of(List.of(), stockBefore).withAnnounced(outcomes));
    }

    /**
     * Judged again for a while when it fails: analytics serves its view from Kafka Streams' stores, which may answer
     * a moment after the application has committed what it read.
     */
    private void assertHoldFor(Run run) {
        settle();
        Map<String, Long> expected = new HashMap<>(deadLettersBefore);
        announcedDeadLetters.forEach((topic, count) -> expected.merge(topic, count, Long::sum));
        Run judged = run.expectingDeadLetters(DeadLetterExpectation.counts(expected));
        Awaitility.await("invariants hold").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Verdict verdict = checker.check(judged);
                    assertThat(verdict.failures()).as("violated invariants over %d orders", verdict.orders())
                            .isEmpty();
                });
    }

    /**
     * Waits until nothing is in flight: every outbox published, every consumer group caught up. Twice, because
     * handling one event may publish another (a cancellation a refund, a confirmation an {@code EmailSent}).
     */
    private void settle() {
        assertThat(ConsumerGroups.all()).as("consumer groups on the broker; add new listeners to SUBSCRIPTIONS")
                .isSubsetOf(SUBSCRIPTIONS.keySet());
        for (int pass = 0; pass < 2; pass++) {
            Awaitility.await("outboxes drained").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(checker.outboxRows()).allSatisfy((schema, rows) ->
                            assertThat(rows).as("rows in %s.outbox_event", schema).isZero()));
            ConsumerGroups.awaitCaughtUp(SUBSCRIPTIONS);
        }
    }

    private static Map<String, List<String>> subscriptions() {
        List<String> orderOutcomes = List.of(Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED, Topics.ORDER_EXPIRED);
        Map<String, List<String>> subscriptions = new LinkedHashMap<>();
        subscriptions.put("order-service.catalog-replica", List.of(Topics.PRODUCT_SNAPSHOT));
        subscriptions.put("order-service.saga-replies", List.of(Topics.STOCK_RESERVED, Topics.STOCK_REJECTED,
                Topics.PAYMENT_AUTHORIZED, Topics.PAYMENT_DECLINED));
        subscriptions.put("inventory-service.order-events", Stream.of(List.of(Topics.ORDER_PLACED), orderOutcomes)
                .flatMap(List::stream).toList());
        subscriptions.put("payment-service.payment-requested", List.of(Topics.PAYMENT_REQUESTED));
        subscriptions.put("payment-service.order-ended", List.of(Topics.ORDER_CANCELLED, Topics.ORDER_EXPIRED));
        subscriptions.put("notification-service.order-events", Stream.of(List.of(Topics.ORDER_PLACED), orderOutcomes)
                .flatMap(List::stream).toList());
        // Its order topics, and the repartition topic through which they reach the overview (confirmed revenue).
        subscriptions.put("analytics-service-streams", Stream.of(List.of(Topics.ORDER_PLACED), orderOutcomes,
                List.of("analytics-service-streams-overview-orders-repartition")).flatMap(List::stream).toList());
        return Map.copyOf(subscriptions);
    }
}
