package dev.eventmart.order.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Money;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.PaymentRequested;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order's state machine on its own: every transition the saga, the customer and the expiry job can ask for,
 * the event each one hands back, and every transition an order refuses in each state (refused: nothing changes,
 * no event).
 */
class OrderTests {

    private static final Instant PLACED_AT = Instant.parse("2026-12-07T10:00:00Z");

    private static final Instant LATER = PLACED_AT.plusSeconds(2);

    private static final UUID PAYMENT = UUID.fromString("00000000-0000-0000-0000-00000000beef");

    @Test
    void isPendingWithItsPricedTotalOncePlaced() {
        Order order = placed();

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.total()).isEqualByComparingTo("25.00");
        assertThat(order.history()).containsExactly(new StatusChange(OrderStatus.PENDING, null, PLACED_AT));
        assertThat(order.placed().total()).isEqualTo(new Money(new BigDecimal("25.00"), "EUR"));
    }

    @Test
    void asksForPaymentOfItsTotalOnceInventoryReservedIt() {
        Order order = placed();

        PaymentRequested requested = order.markReserved(LATER).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(requested.orderId()).isEqualTo(order.id());
        assertThat(requested.amount()).isEqualTo(new Money(new BigDecimal("25.00"), "EUR"));
        assertThat(requested.paymentToken()).isEqualTo("tok_visa");
        assertThat(order.history()).extracting(StatusChange::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.RESERVED);
    }

    @Test
    void isConfirmedWithItsPaymentOnceAuthorized() {
        Order order = reserved();

        OrderConfirmed confirmed = order.confirm(PAYMENT, LATER).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.status().isTerminal()).isTrue();
        assertThat(confirmed.paymentId()).isEqualTo(PAYMENT);
        assertThat(confirmed.lines()).hasSize(1);
        assertThat(confirmed.confirmedAt()).isEqualTo(LATER);
    }

    @ParameterizedTest
    @MethodSource("inFlight")
    void canBeCancelledForAnyReasonWhileInFlight(String state, Supplier<Order> inState) {
        for (OrderReason reason : List.of(OrderReason.OUT_OF_STOCK, OrderReason.PAYMENT_DECLINED,
                OrderReason.CUSTOMER_REQUEST)) {
            Order order = inState.get();

            OrderCancelled cancelled = order.cancel(reason, "because", LATER).orElseThrow();

            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.reason()).isEqualTo(reason);
            assertThat(cancelled.reason()).isEqualTo(CancellationReason.valueOf(reason.name()));
            assertThat(cancelled.detail()).isEqualTo("because");
            assertThat(order.history().getLast()).isEqualTo(new StatusChange(OrderStatus.CANCELLED, reason, LATER));
        }
    }

    @ParameterizedTest
    @MethodSource("inFlight")
    void expiresWhileInFlightAndSaysWhereItStalled(String state, Supplier<Order> inState) {
        Order order = inState.get();

        OrderExpired expired = order.expire(LATER).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(order.reason()).isEqualTo(OrderReason.TIMEOUT);
        assertThat(expired.lastStatus()).isEqualTo(state);
    }

    @ParameterizedTest
    @MethodSource("finished")
    void refusesEveryTransitionOnceFinished(String state, Supplier<Order> inState) {
        Order order = inState.get();
        List<StatusChange> history = order.history();

        assertRefused(order, order.markReserved(LATER));
        assertRefused(order, order.confirm(PAYMENT, LATER));
        assertRefused(order, order.cancel(OrderReason.CUSTOMER_REQUEST, "too late", LATER));
        assertRefused(order, order.expire(LATER));
        assertThat(order.status()).hasToString(state);
        assertThat(order.history()).isEqualTo(history);
    }

    @Test
    void isNotReservedTwiceNorConfirmedBeforeReserved() {
        Order pending = placed();
        assertRefused(pending, pending.confirm(PAYMENT, LATER));
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);

        Order reserved = reserved();
        assertRefused(reserved, reserved.markReserved(LATER));
        assertThat(reserved.history()).hasSize(2);
    }

    static Stream<Arguments> inFlight() {
        return Stream.of(Arguments.of("PENDING", (Supplier<Order>) OrderTests::placed),
                Arguments.of("RESERVED", (Supplier<Order>) OrderTests::reserved));
    }

    static Stream<Arguments> finished() {
        return Stream.of(Arguments.of("CONFIRMED", (Supplier<Order>) () -> {
            Order order = reserved();
            order.confirm(PAYMENT, PLACED_AT);
            return order;
        }), Arguments.of("CANCELLED", (Supplier<Order>) () -> {
            Order order = placed();
            order.cancel(OrderReason.OUT_OF_STOCK, "short", PLACED_AT);
            return order;
        }), Arguments.of("EXPIRED", (Supplier<Order>) () -> {
            Order order = placed();
            order.expire(PLACED_AT);
            return order;
        }));
    }

    private static void assertRefused(Order order, Optional<?> event) {
        assertThat(event).as("event of a refused transition of a %s order", order.status()).isEmpty();
    }

    private static Order placed() {
        OrderItem item = new OrderItem("p-1", "SKU-1", "Mug", 2, new BigDecimal("12.50"), new BigDecimal("25.00"));
        return Order.place("ada", "ada@example.com", "EUR", "tok_visa",
                new ShippingAddressValue("1 Main St", "Springfield", "IL", "62701", "US"), List.of(item), null,
                PLACED_AT);
    }

    private static Order reserved() {
        Order order = placed();
        order.markReserved(PLACED_AT);
        return order;
    }
}
