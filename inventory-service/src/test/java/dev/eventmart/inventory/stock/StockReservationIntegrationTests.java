package dev.eventmart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.ConsumerGroups;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory side of the order saga against the real broker and database: events are sent as order-service
 * would send them and the replies read back from inventory's topics. Each test works on products of its own, so
 * tests neither disturb each other nor the seeded catalog, and each ends checking that no unit was created or lost
 * (initial stock = available + reserved + sold).
 */
@ServiceIntegrationTest
class StockReservationIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RestTestClient http;

    @Autowired
    private StockReservations reservations;

    @Autowired
    private TransactionTemplate transactions;

    private EventProbe probe;

    // Opened once the service is up, so the service (not the probe) creates the topics with their partitions.
    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.STOCK_RESERVED, Topics.STOCK_REJECTED, Topics.STOCK_RELEASED,
                Topics.PRODUCT_SNAPSHOT);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void reservesEveryLineAndPublishesStockReserved() {
        String keyboard = newProduct(10);
        String mouse = newProduct(5);
        OrderPlaced order = placed(line(keyboard, 3), line(mouse, 2), line(keyboard, 1));

        probe.send(order, "order-service");

        StockReserved reserved = awaitReply(StockReserved.class, order.orderId());
        assertThat(reserved.lines()).containsExactlyInAnyOrder(new StockLine(keyboard, 4), new StockLine(mouse, 2));
        assertThat(stockOf(keyboard)).isEqualTo(new Stock(6, 4, 0));
        assertThat(stockOf(mouse)).isEqualTo(new Stock(3, 2, 0));
        assertThat(reservationOf(order.orderId())).contains("RESERVED");
        assertNoUnitCreatedOrLost(keyboard, 10);
        assertNoUnitCreatedOrLost(mouse, 5);
    }

    @Test
    void rejectsTheWholeOrderWhenOneLineIsShort() {
        String plenty = newProduct(10);
        String scarce = newProduct(1);
        String withdrawn = newProduct(5, false);
        String unknown = "T-" + UUID.randomUUID();
        OrderPlaced order = placed(line(plenty, 2), line(scarce, 3), line(withdrawn, 1), line(unknown, 1));

        probe.send(order, "order-service");

        StockRejected rejected = awaitReply(StockRejected.class, order.orderId());
        assertThat(rejected.shortages()).containsExactlyInAnyOrder(new StockShortage(scarce, 3, 1),
                new StockShortage(withdrawn, 1, 0), new StockShortage(unknown, 1, 0));
        assertThat(repliesTo(order.orderId())).hasSize(1);
        assertThat(stockOf(plenty)).isEqualTo(new Stock(10, 0, 0));
        assertThat(stockOf(scarce)).isEqualTo(new Stock(1, 0, 0));
        assertThat(reservationOf(order.orderId())).contains("REJECTED");
        assertNoUnitCreatedOrLost(plenty, 10);
        assertNoUnitCreatedOrLost(scarce, 1);
        assertNoUnitCreatedOrLost(withdrawn, 5);
    }

    @Test
    void turnsTheReservationIntoASaleOnConfirmation() {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));
        probe.send(order, "order-service");
        awaitReply(StockReserved.class, order.orderId());

        probe.send(confirmed(order.orderId()), "order-service");

        await().atMost(TIMEOUT).until(() -> stockOf(product), new Stock(3, 0, 2)::equals);
        assertThat(reservationOf(order.orderId())).contains("SOLD");
        assertNoUnitCreatedOrLost(product, 5);
    }

    /** An order that ends without a sale, cancelled or expired, gives its units back the same way. */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("orderEndings")
    void releasesTheReservationWhenTheOrderEndsWithoutASale(Function<UUID, OrderScopedEvent> ending) {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));
        probe.send(order, "order-service");
        awaitReply(StockReserved.class, order.orderId());

        probe.send(ending.apply(order.orderId()), "order-service");

        StockReleased released = awaitReply(StockReleased.class, order.orderId());
        assertThat(released.lines()).containsExactly(new StockLine(product, 2));
        assertThat(stockOf(product)).isEqualTo(new Stock(5, 0, 0));
        assertThat(reservationOf(order.orderId())).contains("RELEASED");
        assertNoUnitCreatedOrLost(product, 5);
    }

    static Stream<Named<Function<UUID, OrderScopedEvent>>> orderEndings() {
        return Stream.of(Named.of("cancellation", StockReservationIntegrationTests::cancelled),
                Named.of("expiry", StockReservationIntegrationTests::expired));
    }

    /**
     * One poll may carry every kind: inventory applies them in one transaction, in the saga's order, whatever order
     * they came in. Called directly, as the listener does, to put them in one batch for sure.
     */
    @Test
    void appliesAPollOfEveryKindInOneTransaction() {
        String product = newProduct(5);
        OrderPlaced sold = placed(line(product, 1));
        probe.send(sold, "order-service");
        awaitReply(StockReserved.class, sold.orderId());
        OrderPlaced overtaken = placed(line(product, 2));
        OrderPlaced reserved = placed(line(product, 1));
        OrderPlaced redelivered = placed(line(product, 1));

        transactions.executeWithoutResult(status -> reservations.apply(List.of(message(cancelled(overtaken.orderId())),
                message(overtaken), message(reserved), message(confirmed(sold.orderId())))));
        EventMessage<OrderScopedEvent> once = message(redelivered);
        transactions.executeWithoutResult(status -> reservations.apply(List.of(once, once)));
        transactions.executeWithoutResult(status -> reservations.apply(List.of(once)));

        assertThat(stockOf(product)).isEqualTo(new Stock(2, 2, 1));
        assertThat(reservationOf(sold.orderId())).contains("SOLD");
        assertThat(reservationOf(overtaken.orderId())).contains("RELEASED");
        assertThat(reservationOf(reserved.orderId())).contains("RESERVED");
        assertThat(reservationOf(redelivered.orderId())).contains("RESERVED");
        assertThat(awaitReply(StockReleased.class, overtaken.orderId()).lines())
                .containsExactly(new StockLine(product, 2));
        assertNoUnitCreatedOrLost(product, 5);
    }

    @Test
    void refusesAnEventOfAKindItDoesNotTake() {
        StockReserved wrongTopic = new StockReserved(UUID.randomUUID(), List.of(), now());
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> reservations.apply(
                List.of(message(wrongTopic))))).isInstanceOf(UnreadableEvent.class);
    }

    @Test
    void ignoresARedeliveredOrderPlaced() {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));
        EventMetadata metadata = probe.send(order, "order-service");
        awaitReply(StockReserved.class, order.orderId());

        probe.send(CloudEventRecords.toRecord(Topics.ORDER_PLACED, metadata, EventCodec.encode(order)));
        ConsumerGroups.awaitCaughtUp("inventory-service.order-events", Topics.ORDER_PLACED);

        assertThat(stockOf(product)).isEqualTo(new Stock(3, 2, 0));
        assertThat(repliesTo(order.orderId())).hasSize(1);
        assertNoUnitCreatedOrLost(product, 5);
    }

    @Test
    void reservesNothingForAnOrderPlacedTwice() {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));
        probe.send(order, "order-service");
        awaitReply(StockReserved.class, order.orderId());

        probe.send(order, "order-service");
        ConsumerGroups.awaitCaughtUp("inventory-service.order-events", Topics.ORDER_PLACED);

        assertThat(stockOf(product)).isEqualTo(new Stock(3, 2, 0));
        assertThat(repliesTo(order.orderId())).hasSize(1);
        assertNoUnitCreatedOrLost(product, 5);
    }

    @Test
    void aCancellationBeforeThePlacedLeavesNoReservation() {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));

        probe.send(cancelled(order.orderId()), "order-service");
        await().atMost(TIMEOUT).until(() -> reservationOf(order.orderId()),
                Optional.of("CANCELLED_BEFORE_PLACED")::equals);
        probe.send(order, "order-service");
        ConsumerGroups.awaitCaughtUp("inventory-service.order-events", Topics.ORDER_PLACED);

        assertThat(stockOf(product)).isEqualTo(new Stock(5, 0, 0));
        assertThat(reservationOf(order.orderId())).contains("CANCELLED_BEFORE_PLACED");
        assertThat(repliesTo(order.orderId())).isEmpty();
        assertNoUnitCreatedOrLost(product, 5);
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverOversell() {
        String first = newProduct(5);
        String second = newProduct(5);
        // Half the orders list the products the other way round: had locks followed line order, they would deadlock.
        List<OrderPlaced> orders = IntStream.range(0, 20)
                .mapToObj(n -> n % 2 == 0 ? placed(line(first, 1), line(second, 1))
                        : placed(line(second, 1), line(first, 1)))
                .toList();

        // Random order ids spread the orders over every partition, each with its own consumer thread.
        orders.parallelStream().forEach(order -> probe.send(order, "order-service"));

        List<UUID> orderIds = orders.stream().map(OrderPlaced::orderId).toList();
        Map<Class<?>, Long> outcomes = await().atMost(TIMEOUT)
                .until(() -> outcomesOf(orderIds), counted -> counted.values().stream().mapToLong(n -> n).sum() == 20);
        assertThat(outcomes).containsEntry(StockReserved.class, 5L).containsEntry(StockRejected.class, 15L);
        assertThat(stockOf(first)).isEqualTo(new Stock(0, 5, 0));
        assertThat(stockOf(second)).isEqualTo(new Stock(0, 5, 0));
        assertNoUnitCreatedOrLost(first, 5);
        assertNoUnitCreatedOrLost(second, 5);
    }

    @Test
    void restockPublishesANewSnapshot() {
        String product = newProduct(5);
        OrderPlaced order = placed(line(product, 2));
        probe.send(order, "order-service");
        awaitReply(StockReserved.class, order.orderId());
        long versionBefore = versionOf(product);

        http.post().uri("/api/products/{productId}/restock", product)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", 7))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.productId").isEqualTo(product)
                .jsonPath("$.available").isEqualTo(10)
                .jsonPath("$.reserved").isEqualTo(2)
                .jsonPath("$.sold").isEqualTo(0);

        ReceivedEvent received = probe.await(ProductSnapshot.class,
                snapshot -> snapshot.productId().equals(product) && snapshot.version() > versionBefore);
        assertThat(((ProductSnapshot) received.event()).version()).isEqualTo(versionOf(product));
        assertNoUnitCreatedOrLost(product, 5 + 7);
    }

    @Test
    void answersAnInvalidRestockWithA400Problem() {
        String product = newProduct(5);
        for (Object body : List.of(Map.of("quantity", 0), Map.of("quantity", 100_001), Map.of(), "{not json")) {
            http.post().uri("/api/products/{productId}/restock", product)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(stockOf(product)).isEqualTo(new Stock(5, 0, 0));
    }

    @Test
    void answersARestockOfAnUnknownProductWithA404Problem() {
        http.post().uri("/api/products/P-0000/restock")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", 3))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Product not found");
    }

    // --- fixtures

    private static EventMessage<OrderScopedEvent> message(OrderScopedEvent event) {
        return new EventMessage<>(EventMetadata.forNewEvent(event, "order-service", event.subject(), now()), event);
    }

    private static OrderLine line(String productId, int quantity) {
        Money price = Money.of("10.00", "EUR");
        return new OrderLine(productId, "SKU-" + productId, "Product " + productId, quantity, price,
                price.times(quantity));
    }

    private static OrderPlaced placed(OrderLine... lines) {
        Money total = List.of(lines).stream().map(OrderLine::lineTotal).reduce(Money.zero("EUR"), Money::plus);
        return new OrderPlaced(UUID.randomUUID(), "customer-1", "ada@example.com", List.of(lines), total,
                new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"), now());
    }

    private static OrderConfirmed confirmed(UUID orderId) {
        return new OrderConfirmed(orderId, "customer-1", "ada@example.com", List.of(), Money.zero("EUR"),
                UUID.randomUUID(), now());
    }

    private static OrderCancelled cancelled(UUID orderId) {
        return new OrderCancelled(orderId, "customer-1", "ada@example.com", List.of(), Money.zero("EUR"),
                CancellationReason.CUSTOMER_REQUEST, null, now());
    }

    private static OrderExpired expired(UUID orderId) {
        return new OrderExpired(orderId, "customer-1", "ada@example.com", List.of(), Money.zero("EUR"), "RESERVED",
                now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private String newProduct(int available) {
        return newProduct(available, true);
    }

    private String newProduct(int available, boolean active) {
        String productId = "T-" + UUID.randomUUID();
        jdbc.sql("""
                insert into product (product_id, sku, name, category, price, currency, available, active)
                values (?, ?, ?, 'tests', 10.00, 'EUR', ?, ?)""")
                .params(productId, "SKU-" + productId.substring(2), "Test product " + productId, available, active)
                .update();
        return productId;
    }

    // --- reading the outcome

    record Stock(int available, int reserved, int sold) {
    }

    private Stock stockOf(String productId) {
        return jdbc.sql("select available, reserved, sold from product where product_id = ?")
                .param(productId)
                .query(Stock.class)
                .single();
    }

    private long versionOf(String productId) {
        return jdbc.sql("select version from product where product_id = ?").param(productId)
                .query(Long.class).single();
    }

    private Optional<String> reservationOf(UUID orderId) {
        return jdbc.sql("select status from reservation where order_id = ?").param(orderId)
                .query(String.class).optional();
    }

    /** Invariant 2 of docs/architecture.md#invariants for one product: no unit came or went, none is below zero. */
    private void assertNoUnitCreatedOrLost(String productId, int initial) {
        Stock stock = stockOf(productId);
        assertThat(stock.available() + stock.reserved() + stock.sold()).isEqualTo(initial);
        assertThat(stock.available()).isNotNegative();
        assertThat(stock.reserved()).isNotNegative();
    }

    private <T extends OrderScopedEvent> T awaitReply(Class<T> type, UUID orderId) {
        return type.cast(probe.await(type, event -> event.orderId().equals(orderId)).event());
    }

    private List<DomainEvent> repliesTo(UUID orderId) {
        return probe.received().stream()
                .map(ReceivedEvent::event)
                .filter(event -> event instanceof OrderScopedEvent scoped && scoped.orderId().equals(orderId))
                .toList();
    }

    private Map<Class<?>, Long> outcomesOf(List<UUID> orderIds) {
        return probe.received().stream()
                .map(ReceivedEvent::event)
                .filter(event -> event instanceof OrderScopedEvent scoped && orderIds.contains(scoped.orderId()))
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    }
}
