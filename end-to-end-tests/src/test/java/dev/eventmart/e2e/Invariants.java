package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.test.ConsumerGroups;
import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import dev.eventmart.test.security.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invariants of docs/architecture.md#invariants, read straight from the services' schemas and the broker: every
 * order terminal (1); stock conserved and never negative, nothing left reserved (2); a confirmed order authorized
 * exactly once for its total and any other order charged nothing net (3); exactly one notification of each order's
 * outcome (4); analytics revenue equal to the sum of confirmed order totals (5); every outbox drained and no record
 * dead-lettered that the scenario did not announce (6).
 *
 * <p>Everything but invariant 1 is checked once the platform has settled: outboxes drained and every consumer group
 * caught up with its topics. Before that, a check reads a moment of the saga, not its result: a payment can be
 * between authorized and refunded, a notification or a dead-letter record not written yet.
 */
final class Invariants {

    /**
     * The consumer group of every listener of the platform (the {@code @KafkaListener} ids, and analytics' Kafka
     * Streams application id) with the topics it reads. {@link #settle()} fails on a group missing here, so a new
     * listener cannot silently escape the checks.
     */
    static final Map<String, List<String>> SUBSCRIPTIONS = subscriptions();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final List<String> TERMINAL = List.of("CONFIRMED", "CANCELLED", "EXPIRED");
    private static final List<String> DEAD_LETTER_TOPICS = Topics.ALL.stream().map(Topics::deadLetterOf).toList();

    private final JdbcClient jdbc;
    private final Map<String, Integer> initialStock;
    private final String analyticsUrl;
    private final Map<String, Long> announcedDeadLetters = new HashMap<>();
    private Map<String, Long> deadLettersBefore;

    Invariants(String analyticsUrl) {
        this.analyticsUrl = analyticsUrl;
        TestDatabase database = TestInfrastructure.database();
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        this.initialStock = stockTotals();
        this.deadLettersBefore = deadLetters();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String status(UUID orderId) {
        return jdbc.sql("select status from orders.customer_order where order_id = ?").param(orderId)
                .query(String.class).optional().orElse(null);
    }

    /**
     * Starts a scenario: dead-letter records are counted from here. Called before each test, so a scenario that
     * failed half-way does not fail the next one as well.
     */
    void startScenario() {
        announcedDeadLetters.clear();
        deadLettersBefore = deadLetters();
    }

    /** The scenario sends {@code count} records to {@code deadLetterTopic} on purpose (a poison message). */
    void expectDeadLetters(String deadLetterTopic, long count) {
        announcedDeadLetters.merge(deadLetterTopic, count, Long::sum);
    }

    /** Waits until every order is terminal and the platform has settled, then checks every invariant over them. */
    void assertHold(Collection<UUID> orderIds) {
        Awaitility.await("all orders terminal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> orderIds.stream().allMatch(id -> TERMINAL.contains(status(id))));
        Map<UUID, String> outcomes = new LinkedHashMap<>();
        orderIds.forEach(orderId -> outcomes.put(orderId, status(orderId)));
        assertHoldFor(outcomes);
    }

    /**
     * {@link #assertHold(Collection)} for orders order-service never stored, whose events the test sent as
     * order-service would: {@code outcomes} holds the outcome the test announced for each.
     */
    void assertHoldForAnnounced(Map<UUID, String> outcomes) {
        assertHoldFor(outcomes);
    }

    private void assertHoldFor(Map<UUID, String> outcomes) {
        settle();
        assertThat(reservedUnits()).as("units still reserved").isZero();
        assertStockConserved();
        outcomes.forEach(this::assertChargedCorrectly);
        outcomes.forEach(this::assertNotifiedOnce);
        assertDeadLettersAsAnnounced();
        Awaitility.await("analytics revenue matches").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(analyticsConfirmedRevenue()).isEqualByComparingTo(confirmedRevenue()));
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
                    .untilAsserted(() -> assertThat(outboxSize("orders") + outboxSize("inventory")
                            + outboxSize("payments") + outboxSize("notifications")).isZero());
            ConsumerGroups.awaitCaughtUp(SUBSCRIPTIONS);
        }
    }

    private void assertDeadLettersAsAnnounced() {
        Map<String, Long> expected = new TreeMap<>(deadLettersBefore);
        announcedDeadLetters.forEach((topic, count) -> expected.merge(topic, count, Long::sum));
        Map<String, Long> now = deadLetters();
        assertThat(new TreeMap<>(now)).as("records in the dead-letter topics").isEqualTo(expected);
        announcedDeadLetters.clear();
        deadLettersBefore = now;
    }

    /**
     * Records on each dead-letter topic (retention is days, a run minutes). Counted by reading, not from end
     * offsets: analytics' Kafka Streams writes its dead letters in exactly-once transactions, whose markers take
     * offsets too.
     */
    private static Map<String, Long> deadLetters() {
        return ConsumerGroups.committedRecords(DEAD_LETTER_TOPICS);
    }

    private BigDecimal confirmedRevenue() {
        return jdbc.sql("select coalesce(sum(total), 0) from orders.customer_order where status = 'CONFIRMED'")
                .query(BigDecimal.class).single();
    }

    private BigDecimal analyticsConfirmedRevenue() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(analyticsUrl + "/api/analytics/overview"))
                .header("Authorization", "Bearer " + TestTokens.staff()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("analytics overview").isEqualTo(200);
        return JSON.readTree(response.body()).get("orders").get("confirmedRevenue").decimalValue();
    }

    private void assertNotifiedOnce(UUID orderId, String outcome) {
        List<String> outcomes = jdbc.sql("""
                select type from notifications.notification
                where order_id = ? and type in ('ORDER_CONFIRMED', 'ORDER_CANCELLED', 'ORDER_EXPIRED')
                  and status = 'SENT'""")
                .param(orderId).query(String.class).list();
        assertThat(outcomes).as("outcome notification of order %s", orderId).containsExactly("ORDER_" + outcome);
    }

    private void assertStockConserved() {
        Map<String, Integer> now = stockTotals();
        assertThat(now).isEqualTo(initialStock);
        assertThat(jdbc.sql("select count(*) from inventory.product where available < 0 or reserved < 0")
                .query(Integer.class).single()).isZero();
    }

    private void assertChargedCorrectly(UUID orderId, String outcome) {
        List<Map<String, Object>> payments = jdbc.sql("select status, amount from payments.payment where order_id = ?")
                .param(orderId).query().listOfRows();
        List<Map<String, Object>> authorized = payments.stream()
                .filter(payment -> "AUTHORIZED".equals(payment.get("status"))).toList();
        String reservation = jdbc.sql("select status from inventory.reservation where order_id = ?").param(orderId)
                .query(String.class).optional().orElse("NONE");
        if ("CONFIRMED".equals(outcome)) {
            BigDecimal total = jdbc.sql("select total from orders.customer_order where order_id = ?")
                    .param(orderId).query(BigDecimal.class).single();
            assertThat(payments).as("payments of confirmed order %s", orderId).hasSize(1);
            assertThat(authorized).as("authorization of confirmed order %s", orderId).hasSize(1);
            assertThat((BigDecimal) authorized.get(0).get("amount")).isEqualByComparingTo(total);
            assertThat(reservation).as("reservation of confirmed order %s", orderId).isEqualTo("SOLD");
        }
        else {
            assertThat(payments).as("payments of %s order %s", outcome, orderId).hasSizeLessThanOrEqualTo(1);
            assertThat(authorized).as("authorizations of %s order %s", outcome, orderId).isEmpty();
            assertThat(reservation).as("reservation of %s order %s", outcome, orderId).isNotIn("RESERVED", "SOLD");
        }
    }

    private Map<String, Integer> stockTotals() {
        return jdbc.sql("select product_id, available + reserved + sold as units from inventory.product")
                .query((row, n) -> Map.entry(row.getString(1), row.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private int reservedUnits() {
        return jdbc.sql("select coalesce(sum(reserved), 0) from inventory.product").query(Integer.class).single();
    }

    private int outboxSize(String schema) {
        return jdbc.sql("select count(*) from " + schema + ".outbox_event").query(Integer.class).single();
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
