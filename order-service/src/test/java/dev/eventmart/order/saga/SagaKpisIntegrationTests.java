package dev.eventmart.order.saga;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The saga's KPIs after a known scenario driven through the real saga (inventory and payment played by the test,
 * as in {@link OrderSagaIntegrationTests}): what the counters, the timers and the by-status gauge say, in the
 * registry and on {@code /actuator/prometheus}. Figures are compared with what they were before the scenario:
 * the test JVM's other classes share the database and the registry.
 */
@ServiceIntegrationTest
class SagaKpisIntegrationTests {

    private static final List<String> STATUSES = List.of("PENDING", "RESERVED", "CONFIRMED", "CANCELLED", "EXPIRED");

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    private EventProbe probe;

    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.ORDER_PLACED, Topics.PAYMENT_REQUESTED, Topics.ORDER_CONFIRMED,
                Topics.ORDER_CANCELLED);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void countsThreeConfirmedOneDeclinedAndOneOutOfStockOrder() {
        Map<String, Long> ordersBefore = ordersInDatabase();
        Map<String, Double> placedToTerminalBefore = counts("eventmart.orders.duration");
        Map<String, Double> timeInStatusBefore = counts("eventmart.orders.status.duration");
        Map<String, Double> compensationsBefore = compensations();
        String product = productInCatalog(probe, catalog, "10.00");

        for (int i = 0; i < 3; i++) {
            confirm(reserve(place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))))));
        }
        decline(reserve(place(http, orderRequest(customer(), "tok_chargeDeclined", List.of(item(product, 1))))));
        rejectStock(place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 9)))), product);

        // Recorded once each transition's transaction has committed, which is about when its event goes out.
        await().untilAsserted(() -> {
            assertThat(delta(counts("eventmart.orders.duration"), placedToTerminalBefore))
                    .containsEntry("CONFIRMED", 3.0).containsEntry("CANCELLED", 2.0).containsEntry("EXPIRED", 0.0);
            assertThat(delta(counts("eventmart.orders.status.duration"), timeInStatusBefore))
                    .containsEntry("PENDING", 5.0).containsEntry("RESERVED", 4.0);
            assertThat(delta(compensations(), compensationsBefore))
                    .containsEntry("PAYMENT_DECLINED", 1.0).containsEntry("OUT_OF_STOCK", 1.0)
                    .containsEntry("CUSTOMER_REQUEST", 0.0).containsEntry("TIMEOUT", 0.0);
        });
        // The gauge reads the database at most every 5 s: it says so once its figures are fresh.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String status : STATUSES) {
                long expected = ordersBefore.getOrDefault(status, 0L) + switch (status) {
                    case "CONFIRMED" -> 3;
                    case "CANCELLED" -> 2;
                    default -> 0;
                };
                assertThat(meters.get("eventmart.orders").tag("status", status).gauge().value())
                        .as("orders %s", status).isEqualTo(expected);
            }
        });
    }

    @Test
    void exportsTheKpisWithTheirServiceLevelBucketsToPrometheus() {
        String product = productInCatalog(probe, catalog, "10.00");
        confirm(reserve(place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))))));

        // The timers once the confirmation's transaction has committed, the gauge once its 5 s are up.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String scrape = prometheus();
            for (String bucket : List.of("0\\.1", "0\\.5", "1\\.0")) {
                assertThat(scrape).containsPattern("eventmart_orders_duration_seconds_bucket\\{[^}]*"
                        + "status=\"CONFIRMED\"[^}]*le=\"" + bucket + "\"}");
                assertThat(scrape).containsPattern("eventmart_orders_status_duration_seconds_bucket\\{[^}]*"
                        + "status=\"RESERVED\"[^}]*le=\"" + bucket + "\"}");
            }
            // Between them the percentile histogram's buckets, from 1 ms to 20 min, for p50 and p99 in Prometheus.
            assertThat(Pattern.compile("eventmart_orders_duration_seconds_bucket\\{[^}]*status=\"CONFIRMED\"[^}]*}")
                    .matcher(scrape).results().count()).isGreaterThan(30L);
            assertThat(scrape).containsPattern("eventmart_orders_duration_seconds_bucket\\{[^}]*"
                    + "status=\"CONFIRMED\"[^}]*le=\"0\\.001\\d*\"}");
            assertThat(scrape).containsPattern("eventmart_orders\\{[^}]*status=\"CONFIRMED\"[^}]*} [1-9]");
            assertThat(scrape).containsPattern("eventmart_orders_compensations_total\\{[^}]*"
                    + "reason=\"PAYMENT_DECLINED\"");
            assertThat(scrape).contains("eventmart_outbox_backlog{", "eventmart_outbox_backlog_oldest_age_seconds{");
        });
    }

    @Test
    void exportsTheConsumerLagOfEachListenerFromTheKafkaClientMetrics() {
        // Spring Boot binds the Kafka clients' own metrics; records-lag-max is how far the partition furthest behind
        // is, per consumer, and each listener's consumers are named for it (client_id = listener id + "-n").
        String scrape = prometheus();

        for (String listener : List.of(SagaRepliesListener.ID, "order-service.catalog-replica")) {
            assertThat(scrape).containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\""
                    + Pattern.quote(listener) + "-0\"");
        }
    }

    @Test
    void countsTheRecordsInEachDeadLetterTopic() {
        String deadLetters = Topics.deadLetterOf(Topics.PRODUCT_SNAPSHOT);
        double before = meters.get("eventmart.dlt.records").tag("topic", deadLetters).gauge().value();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (EventProbe dlt = EventProbe.on(deadLetters)) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.PRODUCT_SNAPSHOT, poisonKey,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            dlt.send(poison);
            dlt.awaitRecord(record -> poisonKey.equals(record.key()));
        }

        // The gauge reads the broker at most every 15 s.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                meters.get("eventmart.dlt.records").tag("topic", deadLetters).gauge().value())
                .isGreaterThanOrEqualTo(before + 1));
        assertThat(meters.get("eventmart.dlt.records").tag("topic", Topics.deadLetterOf(Topics.ORDER_EXPIRED))
                .gauge().value()).isZero();
        assertThat(prometheus()).containsPattern(
                "eventmart_dlt_records\\{[^}]*topic=\"inventory\\.product\\.snapshot\\.dlt\"[^}]*} [1-9]");
    }

    private UUID reserve(UUID orderId) {
        probe.send(new StockReserved(orderId, List.of(new StockLine("any", 1)), Instant.now()), "test-peer");
        probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));
        return orderId;
    }

    private void confirm(UUID orderId) {
        probe.send(new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("10.00", "EUR"), Instant.now()),
                "test-peer");
        probe.await(OrderConfirmed.class, event -> event.orderId().equals(orderId));
    }

    private void decline(UUID orderId) {
        probe.send(new PaymentDeclined(orderId, UUID.randomUUID(), Money.of("10.00", "EUR"), "card_declined",
                Instant.now()), "test-peer");
        probe.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
    }

    private void rejectStock(UUID orderId, String product) {
        probe.send(new StockRejected(orderId, List.of(new StockShortage(product, 9, 2)), Instant.now()), "test-peer");
        probe.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
    }

    private Map<String, Long> ordersInDatabase() {
        return jdbc.sql("select status, count(*) as orders from customer_order group by status")
                .query((row, index) -> Map.entry(row.getString("status"), row.getLong("orders"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The count of each {@code status} timer of {@code name}. */
    private Map<String, Double> counts(String name) {
        Map<String, Double> counts = new HashMap<>();
        meters.get(name).timers().forEach(timer -> counts.put(timer.getId().getTag("status"), (double) timer.count()));
        return counts;
    }

    private Map<String, Double> compensations() {
        Map<String, Double> counts = new HashMap<>();
        meters.get("eventmart.orders.compensations").counters()
                .forEach(counter -> counts.put(counter.getId().getTag("reason"), counter.count()));
        return counts;
    }

    private static Map<String, Double> delta(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> delta = new HashMap<>();
        after.forEach((key, value) -> delta.put(key, value - before.getOrDefault(key, 0.0)));
        return delta;
    }

    private String prometheus() {
        return http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
