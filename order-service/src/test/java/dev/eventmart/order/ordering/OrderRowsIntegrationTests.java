package dev.eventmart.order.ordering;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The saga's plain-SQL load and store of orders, against the rows the JPA mapping reads. */
@ServiceIntegrationTest
class OrderRowsIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private OrderRows orderRows;

    @Autowired
    private Orders orders;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcClient jdbc;

    private EventProbe probe;

    private String product;

    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.ORDER_PLACED);
        product = productInCatalog(probe, catalog, "25.00");
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void readsOrdersAsStoredAndWritesBackOnlyTheOnesThatMoved() {
        UUID moving = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 2))));
        UUID staying = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        UUID unknown = UUID.randomUUID();
        long stayingVersion = version(staying);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        transactions.executeWithoutResult(status -> {
            OrderRows.Locked locked = orderRows.lockAll(List.of(moving, staying, unknown));
            assertThat(locked.find(unknown)).isEmpty();
            Order order = locked.find(moving).orElseThrow();
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.items()).singleElement().satisfies(line -> {
                assertThat(line.productId()).isEqualTo(product);
                assertThat(line.quantity()).isEqualTo(2);
            });
            assertThat(order.markReserved(now)).get()
                    .satisfies(requested -> assertThat(requested.amount().amount()).isEqualByComparingTo("50.00"));
            orderRows.store(locked);
        });

        Order reloaded = orders.findById(moving).orElseThrow();
        assertThat(reloaded.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(reloaded.updatedAt()).isEqualTo(now);
        assertThat(reloaded.history()).extracting(StatusChange::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.RESERVED);
        assertThat(version(staying)).as("an order that did not move is not written").isEqualTo(stayingVersion);
    }

    @Test
    void appendsEveryStatusChangeOfAStepAndBumpsTheVersion() {
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        long before = version(orderId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        transactions.executeWithoutResult(status -> {
            OrderRows.Locked locked = orderRows.lockAll(List.of(orderId));
            Order order = locked.find(orderId).orElseThrow();
            order.markReserved(now);
            order.cancel(OrderReason.CUSTOMER_REQUEST, "changed their mind", now.plusMillis(1));
            orderRows.store(locked);
        });

        Order reloaded = orders.findById(orderId).orElseThrow();
        assertThat(reloaded.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(reloaded.reason()).isEqualTo(OrderReason.CUSTOMER_REQUEST);
        assertThat(reloaded.history()).containsExactly(
                reloaded.history().getFirst(),
                new StatusChange(OrderStatus.RESERVED, null, now),
                new StatusChange(OrderStatus.CANCELLED, OrderReason.CUSTOMER_REQUEST, now.plusMillis(1)));
        assertThat(version(orderId)).as("an entity read before the step must fail its optimistic check")
                .isEqualTo(before + 1);
    }

    private long version(UUID orderId) {
        return jdbc.sql("select version from customer_order where order_id = ?").param(orderId)
                .query(Long.class).single();
    }
}
