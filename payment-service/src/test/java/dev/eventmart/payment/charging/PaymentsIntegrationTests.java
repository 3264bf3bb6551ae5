package dev.eventmart.payment.charging;

import static dev.eventmart.test.ConsumerGroups.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Money;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.Topics;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.events.payment.PaymentRefunded;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * payment-service's part of the saga against the real broker and database: requests arrive as order-service sends
 * them, answers are read from the payment topics.
 */
@ServiceIntegrationTest
class PaymentsIntegrationTests {

    private static final String[] PAYMENT_TOPICS = { Topics.PAYMENT_AUTHORIZED, Topics.PAYMENT_DECLINED,
            Topics.PAYMENT_REFUNDED };

    @Autowired
    private RestTestClient http;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PaymentAuthorization authorization;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private PaymentCompensation compensation;

    @Test
    void authorizesAnApprovedTokenAndPublishesPaymentAuthorized() {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            EventMetadata request = probe.send(paymentRequested(orderId, "tok_visa", "49.90"), "order-service");

            ReceivedEvent received = probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));

            PaymentAuthorized authorized = (PaymentAuthorized) received.event();
            assertThat(authorized.amount()).isEqualTo(Money.of("49.90", "EUR"));
            assertThat(received.key()).isEqualTo(orderId.toString());
            assertThat(received.metadata().source()).isEqualTo("payment-service");
            assertThat(received.metadata().correlationId()).isEqualTo(request.correlationId());
            assertThat(paymentsOf(orderId)).singleElement().satisfies(payment -> {
                assertThat(payment).containsEntry("payment_id", authorized.paymentId())
                        .containsEntry("status", "AUTHORIZED")
                        .containsEntry("currency", "EUR")
                        .containsEntry("reason", null);
                assertThat((BigDecimal) payment.get("amount")).isEqualByComparingTo("49.90");
            });
        }
    }

    @Test
    void declinesTheTestDeclineTokensWithTheirReasons() {
        Map<String, String> reasons = Map.of("tok_chargeDeclined", "card_declined",
                "tok_insufficientFunds", "insufficient_funds", "tok_neverIssued", "invalid_token");
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            reasons.forEach((token, reason) -> {
                UUID orderId = UUID.randomUUID();
                probe.send(paymentRequested(orderId, token, "49.90"), "order-service");

                PaymentDeclined declined = (PaymentDeclined) probe
                        .await(PaymentDeclined.class, event -> event.orderId().equals(orderId)).event();

                assertThat(declined.reason()).isEqualTo(reason);
                assertThat(declined.amount()).isEqualTo(Money.of("49.90", "EUR"));
                assertThat(paymentsOf(orderId)).singleElement().satisfies(payment -> assertThat(payment)
                        .containsEntry("payment_id", declined.paymentId())
                        .containsEntry("status", "DECLINED")
                        .containsEntry("reason", reason));
            });
        }
    }

    @Test
    void declinesAmountsAboveTheLimit() {
        UUID atLimit = UUID.randomUUID();
        UUID aboveLimit = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(atLimit, "tok_visa", "10000.00"), "order-service");
            probe.send(paymentRequested(aboveLimit, "tok_visa", "10000.01"), "order-service");

            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(atLimit));
            PaymentDeclined declined = (PaymentDeclined) probe
                    .await(PaymentDeclined.class, event -> event.orderId().equals(aboveLimit)).event();

            assertThat(declined.reason()).isEqualTo("amount_limit_exceeded");
        }
    }

    @Test
    void chargesAnOrderOnceWhenTheRequestIsDeliveredTwice() {
        UUID orderId = UUID.randomUUID();
        PaymentRequested request = paymentRequested(orderId, "tok_visa", "49.90");
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            EventMetadata metadata = probe.send(request, "order-service");
            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));

            probe.send(CloudEventRecords.toRecord(Topics.PAYMENT_REQUESTED, metadata, EventCodec.encode(request)));
            awaitCaughtUp(PaymentRequestedListener.ID, Topics.PAYMENT_REQUESTED);

            assertThat(paymentsOf(orderId)).singleElement()
                    .satisfies(payment -> assertThat(payment).containsEntry("status", "AUTHORIZED"));
            assertThat(publishedFor(probe, orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
        }
    }

    @Test
    void chargesAnOrderOnceWhenASecondRequestArrives() {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(orderId, "tok_visa", "49.90"), "order-service");
            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));

            probe.send(paymentRequested(orderId, "tok_mastercard", "99.00"), "order-service");
            probe.send(paymentRequested(orderId, "tok_chargeDeclined", "49.90"), "order-service");
            awaitCaughtUp(PaymentRequestedListener.ID, Topics.PAYMENT_REQUESTED);

            assertThat(paymentsOf(orderId)).singleElement().satisfies(payment -> {
                assertThat(payment).containsEntry("status", "AUTHORIZED");
                assertThat((BigDecimal) payment.get("amount")).isEqualByComparingTo("49.90");
            });
            assertThat(publishedFor(probe, orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
        }
    }

    /** Cancelled or expired, the order ended without a sale: either way the authorization is voided. */
    @ParameterizedTest(name = "when the order {0}")
    @MethodSource("orderEndings")
    void refundsAnAuthorizedPaymentWhenTheOrderEndsWithoutASale(Function<UUID, DomainEvent> ending, String token,
            String amount) {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(orderId, token, amount), "order-service");
            PaymentAuthorized authorized = (PaymentAuthorized) probe
                    .await(PaymentAuthorized.class, event -> event.orderId().equals(orderId)).event();

            probe.send(ending.apply(orderId), "order-service");

            assertRefunded(probe, authorized);
        }
    }

    /** Each ending with a card and an amount of its own, so the refund is seen to copy the payment it voids. */
    static Stream<Arguments> orderEndings() {
        return Stream.of(
                Arguments.of(Named.<Function<UUID, DomainEvent>>of("is cancelled",
                        PaymentsIntegrationTests::orderCancelled), "tok_visa", "49.90"),
                Arguments.of(Named.<Function<UUID, DomainEvent>>of("expires", PaymentsIntegrationTests::orderExpired),
                        "tok_mastercard", "120.00"));
    }

    @Test
    void refundsOnceWhenTheOrderEndsMoreThanOnce() {
        UUID orderId = UUID.randomUUID();
        OrderCancelled cancelled = orderCancelled(orderId);
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(orderId, "tok_visa", "49.90"), "order-service");
            probe.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));
            EventMetadata metadata = probe.send(cancelled, "order-service");
            probe.await(PaymentRefunded.class, event -> event.orderId().equals(orderId));

            probe.send(CloudEventRecords.toRecord(Topics.ORDER_CANCELLED, metadata, EventCodec.encode(cancelled)));
            probe.send(orderExpired(orderId), "order-service");
            awaitCaughtUp(OrderEndedListener.ID, Topics.ORDER_CANCELLED);
            awaitCaughtUp(OrderEndedListener.ID, Topics.ORDER_EXPIRED);

            assertThat(paymentsOf(orderId)).singleElement()
                    .satisfies(payment -> assertThat(payment).containsEntry("status", "REFUNDED"));
            assertThat(publishedFor(probe, orderId)).hasSize(2)
                    .hasExactlyElementsOfTypes(PaymentAuthorized.class, PaymentRefunded.class);
        }
    }

    @Test
    void leavesADeclinedPaymentAsItIsWhenTheOrderIsCancelled() {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(orderId, "tok_insufficientFunds", "49.90"), "order-service");
            probe.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));

            probe.send(orderCancelled(orderId), "order-service");
            awaitCaughtUp(OrderEndedListener.ID, Topics.ORDER_CANCELLED);

            assertThat(paymentsOf(orderId)).singleElement()
                    .satisfies(payment -> assertThat(payment).containsEntry("status", "DECLINED"));
            assertThat(publishedFor(probe, orderId)).singleElement().isInstanceOf(PaymentDeclined.class);
        }
    }

    @Test
    void aCancellationBeforeTheRequestMeansNoCharge() {
        UUID cancelledOrder = UUID.randomUUID();
        UUID expiredOrder = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(orderCancelled(cancelledOrder), "order-service");
            probe.send(orderExpired(expiredOrder), "order-service");
            awaitCaughtUp(OrderEndedListener.ID, Topics.ORDER_CANCELLED);
            awaitCaughtUp(OrderEndedListener.ID, Topics.ORDER_EXPIRED);

            probe.send(paymentRequested(cancelledOrder, "tok_visa", "49.90"), "order-service");
            probe.send(paymentRequested(expiredOrder, "tok_visa", "49.90"), "order-service");
            awaitCaughtUp(PaymentRequestedListener.ID, Topics.PAYMENT_REQUESTED);

            assertThat(paymentsOf(cancelledOrder)).isEmpty();
            assertThat(paymentsOf(expiredOrder)).isEmpty();
            assertThat(publishedFor(probe, cancelledOrder)).isEmpty();
            assertThat(publishedFor(probe, expiredOrder)).isEmpty();
        }
    }

    @Test
    void listsThePaymentsOfAnOrder() {
        UUID orderId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(PAYMENT_TOPICS)) {
            probe.send(paymentRequested(orderId, "tok_chargeDeclined", "35.50"), "order-service");
            PaymentDeclined declined = (PaymentDeclined) probe
                    .await(PaymentDeclined.class, event -> event.orderId().equals(orderId)).event();

            PaymentJson[] payments = http.get().uri("/api/payments?orderId={orderId}", orderId).exchange()
                    .expectStatus().isOk()
                    .expectBody(PaymentJson[].class).returnResult().getResponseBody();

            assertThat(payments).singleElement().satisfies(payment -> {
                assertThat(payment.paymentId()).isEqualTo(declined.paymentId());
                assertThat(payment.orderId()).isEqualTo(orderId);
                assertThat(payment.amount()).isEqualByComparingTo("35.50");
                assertThat(payment.currency()).isEqualTo("EUR");
                assertThat(payment.status()).isEqualTo("DECLINED");
                assertThat(payment.reason()).isEqualTo("card_declined");
                assertThat(payment.createdAt()).isEqualTo(declined.declinedAt());
                assertThat(payment.updatedAt()).isEqualTo(payment.createdAt());
            });
        }
        http.get().uri("/api/payments?orderId={orderId}", UUID.randomUUID()).exchange()
                .expectStatus().isOk()
                .expectBody().json("[]");
    }

    /**
     * Two requests (a redelivery with a new id) and the cancellation of each order handled at the same moment, as
     * separate listener threads or instances would: whatever the interleaving, an order ends with no payment or a
     * refunded one, never with a charge, and never with two payments.
     */
    @Test
    void neverLeavesAnEndedOrderChargedWhenItsRequestsAndCancellationRace() throws Exception {
        List<UUID> orderIds = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            for (UUID orderId : orderIds) {
                CyclicBarrier start = new CyclicBarrier(3);
                Callable<Void> request = () -> {
                    start.await();
                    var messages = List.of(message(paymentRequested(orderId, "tok_visa", "49.90")));
                    var decisions = authorization.decideAll(messages);
                    transactions.executeWithoutResult(
                            status -> authorization.recordAll(messages, decisions, PaymentRequestedListener.ID));
                    return null;
                };
                Callable<Void> cancellation = () -> {
                    start.await();
                    compensation.orderEnded(OrderOutcome.CANCELLED, message(orderCancelled(orderId)),
                            OrderEndedListener.ID);
                    return null;
                };
                for (Future<Void> handled : threads.invokeAll(List.of(request, request, cancellation))) {
                    handled.get();
                }
            }
        }

        for (UUID orderId : orderIds) {
            assertThat(paymentsOf(orderId)).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(payment -> assertThat(payment).containsEntry("status", "REFUNDED"));
        }
    }

    private void assertRefunded(EventProbe probe, PaymentAuthorized authorized) {
        PaymentRefunded refunded = (PaymentRefunded) probe
                .await(PaymentRefunded.class, event -> event.orderId().equals(authorized.orderId())).event();

        assertThat(refunded.paymentId()).isEqualTo(authorized.paymentId());
        assertThat(refunded.amount().amount()).isEqualByComparingTo(authorized.amount().amount());
        assertThat(refunded.amount().currency()).isEqualTo(authorized.amount().currency());
        assertThat(paymentsOf(authorized.orderId())).singleElement().satisfies(payment -> {
            assertThat(payment).containsEntry("status", "REFUNDED");
            assertThat(((Timestamp) payment.get("updated_at")).toInstant())
                    .isEqualTo(refunded.refundedAt())
                    .isAfter(((Timestamp) payment.get("created_at")).toInstant());
        });
    }

    private List<Map<String, Object>> paymentsOf(UUID orderId) {
        return jdbc.sql("select * from payment where order_id = ?").param(orderId).query().listOfRows();
    }

    /**
     * What payment-service has published about an order. Read once the outbox is empty, so everything committed
     * has been acknowledged by Kafka.
     */
    private List<DomainEvent> publishedFor(EventProbe probe, UUID orderId) {
        await().until(() -> jdbc.sql("select count(*) from outbox_event").query(Integer.class).single() == 0);
        return probe.received().stream()
                .map(ReceivedEvent::event)
                .filter(event -> event instanceof OrderScopedEvent scoped && scoped.orderId().equals(orderId))
                .toList();
    }

    private static <T extends DomainEvent> EventMessage<T> message(T event) {
        return new EventMessage<>(EventMetadata.forNewEvent(event, "order-service", event.subject(), Instant.now()),
                event);
    }

    private static PaymentRequested paymentRequested(UUID orderId, String token, String amount) {
        return new PaymentRequested(orderId, "customer-1", Money.of(amount, "EUR"), token, now());
    }

    private static OrderCancelled orderCancelled(UUID orderId) {
        return new OrderCancelled(orderId, "customer-1", "ada@example.com", List.of(), Money.of("49.90", "EUR"),
                CancellationReason.CUSTOMER_REQUEST, null, now());
    }

    private static OrderExpired orderExpired(UUID orderId) {
        return new OrderExpired(orderId, "customer-1", "ada@example.com", List.of(), Money.of("49.90", "EUR"),
                "RESERVED", now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The JSON of one payment as a client reads it. */
    record PaymentJson(UUID paymentId, UUID orderId, BigDecimal amount, String currency, String status,
            String reason, Instant createdAt, Instant updatedAt) {
    }
}
