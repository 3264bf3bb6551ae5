package dev.eventmart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invariants of DESIGN.md, read straight from the services' schemas: every order terminal (1); stock conserved
 * and never negative, nothing left reserved (2); a confirmed order authorized exactly once for its total and any
 * other order charged nothing net (3); exactly one notification of each order's outcome (4); analytics revenue equal
 * to the sum of confirmed order totals (5); every outbox drained (6).
 */
final class Invariants {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final List<String> TERMINAL = List.of("CONFIRMED", "CANCELLED", "EXPIRED");

    private final JdbcClient jdbc;
    private final Map<String, Integer> initialStock;

    private final String analyticsUrl;

    Invariants(String analyticsUrl) {
        this.analyticsUrl = analyticsUrl;
        TestDatabase database = TestInfrastructure.database();
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
        this.initialStock = stockTotals();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String status(UUID orderId) {
        return jdbc.sql("select status from orders.customer_order where order_id = ?").param(orderId)
                .query(String.class).optional().orElse(null);
    }

    /** Waits until every order is terminal, then checks invariants 1, 2, 3 and 6 over them. */
    void assertHold(Collection<UUID> orderIds) {
        Awaitility.await("all orders terminal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> orderIds.stream().allMatch(id -> TERMINAL.contains(status(id))));
        Awaitility.await("outboxes drained and reservations settled").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(outboxSize("orders") + outboxSize("inventory") + outboxSize("payments")
                            + outboxSize("notifications")).isZero();
                    assertThat(reservedUnits()).isZero();
                });
        assertStockConserved();
        for (UUID orderId : orderIds) {
            assertChargedCorrectly(orderId);
        }
        Awaitility.await("outcomes notified").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (UUID orderId : orderIds) {
                assertNotifiedOnce(orderId);
            }
        });
        Awaitility.await("analytics revenue matches").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(analyticsConfirmedRevenue()).isEqualByComparingTo(confirmedRevenue()));
    }

    private BigDecimal confirmedRevenue() {
        return jdbc.sql("select coalesce(sum(total), 0) from orders.customer_order where status = 'CONFIRMED'")
                .query(BigDecimal.class).single();
    }

    private BigDecimal analyticsConfirmedRevenue() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(analyticsUrl + "/api/analytics/overview")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("analytics overview").isEqualTo(200);
        return JSON.readTree(response.body()).get("orders").get("confirmedRevenue").decimalValue();
    }

    private void assertNotifiedOnce(UUID orderId) {
        List<String> outcomes = jdbc.sql("""
                select type from notifications.notification
                where order_id = ? and type in ('ORDER_CONFIRMED', 'ORDER_CANCELLED', 'ORDER_EXPIRED')
                  and status = 'SENT'""")
                .param(orderId).query(String.class).list();
        assertThat(outcomes).as("outcome notification of order %s", orderId)
                .containsExactly("ORDER_" + status(orderId));
    }

    private void assertStockConserved() {
        Map<String, Integer> now = stockTotals();
        assertThat(now).isEqualTo(initialStock);
        assertThat(jdbc.sql("select count(*) from inventory.product where available < 0 or reserved < 0")
                .query(Integer.class).single()).isZero();
    }

    private void assertChargedCorrectly(UUID orderId) {
        String status = status(orderId);
        BigDecimal total = jdbc.sql("select total from orders.customer_order where order_id = ?").param(orderId)
                .query(BigDecimal.class).single();
        List<Map<String, Object>> payments = jdbc.sql("select status, amount from payments.payment where order_id = ?")
                .param(orderId).query().listOfRows();
        List<Map<String, Object>> authorized = payments.stream()
                .filter(payment -> "AUTHORIZED".equals(payment.get("status"))).toList();
        String reservation = jdbc.sql("select status from inventory.reservation where order_id = ?").param(orderId)
                .query(String.class).optional().orElse("NONE");
        if ("CONFIRMED".equals(status)) {
            assertThat(payments).as("payments of confirmed order %s", orderId).hasSize(1);
            assertThat(authorized).as("authorization of confirmed order %s", orderId).hasSize(1);
            assertThat((BigDecimal) authorized.get(0).get("amount")).isEqualByComparingTo(total);
            assertThat(reservation).as("reservation of confirmed order %s", orderId).isEqualTo("SOLD");
        }
        else {
            assertThat(authorized).as("authorizations of %s order %s", status, orderId).isEmpty();
            assertThat(reservation).as("reservation of %s order %s", status, orderId).isNotIn("RESERVED", "SOLD");
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
}
