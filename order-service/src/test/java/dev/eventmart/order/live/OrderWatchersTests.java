package dev.eventmart.order.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventmart.order.ordering.OrderStatus;
import dev.eventmart.order.ordering.OrderView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderWatchersTests {

    private final RecordingViews views = new RecordingViews();
    private final OrderWatchers watchers = new OrderWatchers(views);

    @Test
    void readsOnlyTheChangedOrdersSomeoneWatchesAndOffersThemToTheirWatchers() {
        UUID watched = UUID.randomUUID();
        List<OrderView> offered = new ArrayList<>();
        watchers.watch(watched, following(offered));

        watchers.changed(List.of(UUID.randomUUID(), watched, watched));

        assertThat(views.asked).containsExactly(List.of(watched));
        assertThat(offered).extracting(OrderView::orderId).containsExactly(watched);
    }

    @Test
    void readsNothingWhenNoChangedOrderIsWatched() {
        watchers.changed(List.of(UUID.randomUUID()));

        assertThat(views.asked).isEmpty();
    }

    @Test
    void forgetsAnOrderOnceItsLastWatcherLeaves() {
        UUID orderId = UUID.randomUUID();
        OrderWatcher first = following(new ArrayList<>());
        OrderWatcher second = following(new ArrayList<>());
        watchers.watch(orderId, first);
        watchers.watch(orderId, second);

        watchers.unwatch(orderId, first);
        assertThat(watchers.watched(orderId)).isTrue();
        watchers.unwatch(orderId, second);
        assertThat(watchers.watched(orderId)).isFalse();
    }

    @Test
    void offersEveryWatchedOrderOnResync() {
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        watchers.watch(one, following(new ArrayList<>()));
        watchers.watch(other, following(new ArrayList<>()));

        watchers.resync();

        assertThat(views.asked).singleElement().asList().containsExactlyInAnyOrder(one, other);
    }

    @Test
    void answersEveryFollowerAndForgetsThemAtShutdown() {
        UUID orderId = UUID.randomUUID();
        List<OrderView> ended = new ArrayList<>();
        watchers.watch(orderId, new OrderWatcher() {
            @Override
            public void offer(OrderView order) {
            }

            @Override
            public void end(OrderView order) {
                ended.add(order);
            }
        });

        watchers.endAll();

        assertThat(ended).extracting(OrderView::orderId).containsExactly(orderId);
        assertThat(watchers.watched(orderId)).isFalse();
    }

    @Test
    void readsTheOrderIdsOfANotification() {
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(OrderStatusNotifications.orderIds(one + "," + other)).containsExactly(one, other);
        assertThat(OrderStatusNotifications.orderIds("")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> OrderStatusNotifications.orderIds("not-an-id"));
    }

    /** A watcher that keeps what it is offered and ignores the end. */
    private static OrderWatcher following(List<OrderView> offered) {
        return new OrderWatcher() {
            @Override
            public void offer(OrderView order) {
                offered.add(order);
            }

            @Override
            public void end(OrderView order) {
            }
        };
    }

    /** Answers every id asked for with a pending order, and remembers what it was asked. */
    private static final class RecordingViews extends OrderViews {

        private final List<List<UUID>> asked = new ArrayList<>();

        RecordingViews() {
            super(null);
        }

        @Override
        Optional<OrderView> find(UUID orderId) {
            return Optional.of(pending(orderId));
        }

        @Override
        List<OrderView> findAll(Collection<UUID> orderIds) {
            asked.add(List.copyOf(orderIds));
            return orderIds.stream().map(RecordingViews::pending).toList();
        }

        private static OrderView pending(UUID orderId) {
            Instant now = Instant.now();
            return new OrderView(orderId, "ada", OrderStatus.PENDING, null, List.of(), BigDecimal.ONE, "EUR", now, now,
                    List.of(new OrderView.Step(OrderStatus.PENDING, null, now)));
        }
    }
}
