package dev.eventmart.order.live;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Following an order live, against the real broker and database: the event stream from the first state to the final
 * one, the bounded wait, who may follow which order, and the database notification that carries a change from any
 * connection (another instance's) to this instance's followers.
 */
@ServiceIntegrationTest
class LiveOrderIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private OrderWatchers watchers;

    @Autowired
    private OrderStatusNotifications notifications;

    @Autowired
    private DataSourceProperties dataSource;

    private EventProbe probe;
    private String product;

    @BeforeEach
    void productInTheCatalog() {
        probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT);
        product = productInCatalog(probe, catalog, "10.00");
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void streamsTheOrderAsGetShowsItThenEachChangeThroughConfirmedAndThenEnds() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        try (EventStream stream = follow(orderId, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
            await().until(() -> stream.events().size() == 1);
            EventStream.Event first = stream.events().getFirst();
            assertThat(first.name()).isEqualTo("status");
            assertThat(first.id()).isEqualTo("1");
            assertThat(JSON.readTree(first.data())).isEqualTo(JSON.readTree(get(orderId)));

            probe.send(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()), "test-peer");
            await().until(() -> stream.events().size() == 2);
            probe.send(new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("10.00", "EUR"), Instant.now()),
                    "test-peer");

            await().until(stream::ended);
            assertThat(stream.events()).extracting(EventStream.Event::id).containsExactly("1", "2", "3");
            assertThat(stream.events()).extracting(event -> JSON.readTree(event.data()).get("status").asString())
                    .containsExactly("PENDING", "RESERVED", "CONFIRMED");
            assertThat(JSON.readTree(stream.events().getLast().data())).isEqualTo(JSON.readTree(get(orderId)));
        }
        await().until(() -> !watchers.watched(orderId));
    }

    @Test
    void carriesAChangeCommittedOnAnotherConnectionToTheFollower() throws SQLException {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        try (EventStream stream = follow(orderId, Map.of())) {
            await().until(() -> stream.events().size() == 1);

            // What another instance's saga step does, on a connection of its own: the order moves on, one statement
            // records the change, and the trigger's notification commits with it.
            try (Connection other = connect()) {
                other.setAutoCommit(false);
                try (PreparedStatement update = other.prepareStatement("""
                        update customer_order set status = 'CANCELLED', reason = 'CUSTOMER_REQUEST',
                            updated_at = now(), version = version + 1 where order_id = ?""");
                        PreparedStatement change = other.prepareStatement("""
                                insert into order_status_change (order_id, seq, status, reason, changed_at)
                                values (?, 1, 'CANCELLED', 'CUSTOMER_REQUEST', now())""")) {
                    update.setObject(1, orderId);
                    update.executeUpdate();
                    change.setObject(1, orderId);
                    change.executeUpdate();
                }
                other.commit();
            }

            await().until(stream::ended);
            assertThat(stream.events()).extracting(event -> JSON.readTree(event.data()).get("status").asString())
                    .containsExactly("PENDING", "CANCELLED");
        }
    }

    @Test
    void notifiesOncePerStatementInChunksUnderThePayloadLimitLeavingOutPlacement() throws SQLException {
        try (Connection listener = connect(); Connection writer = connect()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN " + OrderStatusNotifications.CHANNEL);
            }
            writer.setAutoCommit(false);
            List<UUID> ids = new ArrayList<>();
            try (Statement statement = writer.createStatement()) {
                try (var rows = statement.executeQuery("""
                        insert into customer_order (order_id, customer_id, customer_email, currency, total,
                            payment_token, street, city, zip_code, country, status, created_at, updated_at, version)
                        select gen_random_uuid(), 'notify-test', 'n@example.com', 'EUR', 1, 'tok_visa', 's', 'c', 'z',
                            'GB', 'CANCELLED', now(), now(), 0
                        from generate_series(1, 450)
                        returning order_id""")) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                statement.execute("""
                        insert into order_status_change (order_id, seq, status, changed_at)
                        select order_id, 0, 'PENDING', now() from customer_order where customer_id = 'notify-test'""");
                statement.execute("""
                        insert into order_status_change (order_id, seq, status, reason, changed_at)
                        select order_id, 1, 'CANCELLED', 'CUSTOMER_REQUEST', now() from customer_order
                        where customer_id = 'notify-test'""");
                statement.execute("delete from customer_order where customer_id = 'notify-test'");
            }
            writer.commit();

            PGConnection received = listener.unwrap(PGConnection.class);
            List<PGNotification> heard = new ArrayList<>();
            await().until(() -> {
                PGNotification[] batch = received.getNotifications(100);
                if (batch != null) {
                    heard.addAll(List.of(batch));
                }
                return heard.size() >= 3;
            });
            assertThat(heard).hasSize(3).allSatisfy(notification ->
                    assertThat(notification.getParameter().length()).isLessThan(8000));
            Set<UUID> announced = new HashSet<>();
            heard.forEach(notification -> announced.addAll(OrderStatusNotifications.orderIds(
                    notification.getParameter())));
            assertThat(announced).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void answersAWaitForAnOrderAlreadyFinalAtOnce() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        http.post().uri("/api/orders/{id}/cancel", orderId).exchange().expectStatus().isOk();

        long started = System.nanoTime();
        http.get().uri("/api/orders/{id}?waitFor=terminal&timeoutMs=30000", orderId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.statusHistory.length()").isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void answersAWaitWithTheOrderAsItIsWhenTheTimeoutPasses() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));

        long started = System.nanoTime();
        String body = http.get().uri("/api/orders/{id}?waitFor=terminal&timeoutMs=800", orderId).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(800)).isLessThan(Duration.ofSeconds(10));
        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(get(orderId)));
        assertThat(JSON.readTree(body).get("status").asString()).isEqualTo("PENDING");
        await().until(() -> !watchers.watched(orderId));
    }

    @Test
    void answersAWaitAsSoonAsTheOrderBecomesFinal() throws Exception {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        long started = System.nanoTime();
        CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> JSON.readTree(http.get()
                .uri("/api/orders/{id}?waitFor=terminal&timeoutMs=30000", orderId).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()));
        await().until(() -> watchers.watched(orderId));

        http.post().uri("/api/orders/{id}/cancel", orderId).exchange().expectStatus().isOk();

        assertThat(answer.get(20, TimeUnit.SECONDS).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void answersNotFoundBeforeStreamingForAnUnknownOrderOrAnotherCustomers() {
        String alice = customer();
        UUID alices = place(http, orderRequest(alice, "tok_visa", List.of(item(product, 1))));
        String bobsToken = TestTokens.customer(customer());

        for (EventStream stream : List.of(follow(UUID.randomUUID(), Map.of()),
                follow(alices, Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + bobsToken)))) {
            try (stream) {
                assertThat(stream.status()).isEqualTo(404);
                assertThat(stream.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            }
        }
        RestTestClient asBob = Clients.withToken(port, bobsToken);
        asBob.get().uri("/api/orders/{id}?waitFor=terminal&timeoutMs=1000", alices).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/orders/{id}?waitFor=terminal&timeoutMs=1000", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        try (EventStream own = follow(alices, Map.of(HttpHeaders.AUTHORIZATION, "Bearer "
                + TestTokens.customer(alice)))) {
            assertThat(own.status()).isEqualTo(200);
            await().until(() -> own.events().size() == 1);
        }
    }

    @Test
    void refusesAWaitOutOfBoundsOrForAnythingButTerminal() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        for (String query : List.of("waitFor=terminal&timeoutMs=0", "waitFor=terminal&timeoutMs=30001",
                "waitFor=confirmed&timeoutMs=1000", "waitFor=terminal&timeoutMs=soon")) {
            http.get().uri("/api/orders/" + orderId + "?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void answersNoContentToAReconnectThatHasSeenTheFinalStep() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        http.post().uri("/api/orders/{id}/cancel", orderId).exchange().expectStatus().isOk();

        try (EventStream reconnect = follow(orderId, Map.of("Last-Event-ID", "2"))) {
            assertThat(reconnect.status()).isEqualTo(204);
        }
        try (EventStream behind = follow(orderId, Map.of("Last-Event-ID", "1"))) {
            await().until(behind::ended);
            assertThat(behind.events()).extracting(EventStream.Event::id).containsExactly("2");
        }
    }

    @Test
    void listensForNotificationsOnceStarted() {
        await().until(notifications::listening);
    }

    private EventStream follow(UUID orderId, Map<String, String> headers) {
        Map<String, String> sent = new java.util.HashMap<>(Map.of(HttpHeaders.AUTHORIZATION,
                "Bearer " + TestTokens.testClient()));
        sent.putAll(headers);
        return EventStream.open(URI.create("http://localhost:" + port + "/api/orders/" + orderId + "/events"), sent);
    }

    private String get(UUID orderId) {
        return http.get().uri("/api/orders/{id}", orderId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword());
    }
}
