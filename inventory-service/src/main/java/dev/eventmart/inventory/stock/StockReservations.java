package dev.eventmart.inventory.stock;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.locking.OrderLocks;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory steps of the order saga, each for a poll's worth of events in one transaction that records the
 * events as processed, changes stock and the reservations, and stores the replies in the outbox: a redelivered
 * event finds its id and changes nothing, and a reply is published only if the change committed.
 *
 * <p>Set-based: a poll takes the same handful of statements for one event or a hundred (lock the orders, mark
 * processed, lock the products, read the reservations, one statement per kind of change, the replies as one batch),
 * and decides each order in Java, in the order the events came. Under load the batch shares those round trips; one
 * statement per order was what bounded this service at about 45 orders a second.
 *
 * <p>Events of one order arrive on different topics and so in any order. The reservation row settles it: whoever
 * creates it first wins, and a cancellation that wins leaves a marker that turns the late {@link OrderPlaced} into
 * a no-op. A poll first takes the advisory locks of its orders, then the product rows, each in one global order, so
 * two batches queue instead of deadlocking and nothing changes an order's reservation between the read and the
 * write.
 */
@Service
class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    /** What an order event asks of the stock. */
    private enum Step {
        RESERVE, SELL, RELEASE
    }

    private final Reservations reservations;
    private final StockLevels stock;
    private final OrderLocks orderLocks;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    StockReservations(Reservations reservations, StockLevels stock, OrderLocks orderLocks,
            ProcessedEvents processedEvents, Outbox outbox, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.orderLocks = orderLocks;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Applies a poll's order events, of any of the four kinds, in one transaction. Every lock comes first, each kind
     * in one statement and one global order: the orders' advisory locks, then the inbox rows (each event not
     * processed before is marked), then the product rows of every order of the poll, then their reservations. So
     * two batches, a restock and the catalog queue instead of deadlocking, and nothing changes an order's
     * reservation or a product's counts between the read and the write.
     *
     * <p>Then the kinds in the saga's order: placements, confirmations, endings. Events of one order come on
     * different topics, so their relative order was never given (a cancellation may overtake its placement); each
     * step takes the reservation as the earlier steps left it, so any order of arrival ends the same way.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(List<EventMessage<OrderScopedEvent>> messages) {
        messages.forEach(message -> step(message.event()));
        // Orders first, then products, each in one global order: two batches queue instead of deadlocking. The order
        // locks cover what product locks cannot: a placement and a cancellation of the same orders, handled in
        // opposite order by two batches, would otherwise each wait for the other's uncommitted reservation row.
        orderLocks.lockAll(messages.stream().map(message -> message.event().orderId()).toList());
        Map<Step, List<OrderScopedEvent>> fresh = unprocessed(messages);
        List<OrderPlaced> placed = fresh.get(Step.RESERVE).stream().map(OrderPlaced.class::cast).toList();
        List<UUID> confirmed = orderIds(fresh.get(Step.SELL));
        List<UUID> ended = orderIds(fresh.get(Step.RELEASE));
        if (placed.isEmpty() && confirmed.isEmpty() && ended.isEmpty()) {
            return;
        }
        List<UUID> settled = new ArrayList<>(confirmed);
        settled.addAll(ended);
        Map<String, Integer> available = stock.lockProducts(placed.stream()
                .flatMap(order -> order.lines().stream()).map(OrderLine::productId)
                .collect(TreeSet::new, Set::add, Set::addAll), settled);
        List<UUID> all = new ArrayList<>(orderIds(placed));
        all.addAll(settled);
        Map<UUID, ReservationStatus> statuses = reservations.lockAll(all);
        reserve(placed, available, statuses);
        sell(confirmed, statuses);
        release(ended, statuses);
    }

    /**
     * Reserves every line of each order or none, in the order the events came (so of two orders for the last units,
     * the earlier gets them), and answers each with {@code StockReserved} or {@code StockRejected}. An order that
     * already has a reservation (cancelled first, or placed twice) reserves nothing.
     */
    private void reserve(List<OrderPlaced> orders, Map<String, Integer> available,
            Map<UUID, ReservationStatus> statuses) {
        Map<UUID, ReservationStatus> created = new LinkedHashMap<>();
        Map<UUID, List<StockLine>> held = new LinkedHashMap<>();
        List<DomainEvent> replies = new ArrayList<>();
        for (OrderPlaced order : orders) {
            if (statuses.containsKey(order.orderId())) {
                log.info("Order {} already has a reservation (cancelled first, or placed twice); reserving nothing",
                        order.orderId());
                continue;
            }
            SortedMap<String, Integer> wanted = merged(order.lines());
            List<StockShortage> shortages = wanted.entrySet().stream()
                    .filter(line -> available.getOrDefault(line.getKey(), 0) < line.getValue())
                    .map(line -> new StockShortage(line.getKey(), line.getValue(),
                            available.getOrDefault(line.getKey(), 0)))
                    .toList();
            if (!shortages.isEmpty()) {
                created.put(order.orderId(), ReservationStatus.REJECTED);
                replies.add(new StockRejected(order.orderId(), shortages, clock.instant()));
                continue;
            }
            List<StockLine> lines = wanted.entrySet().stream()
                    .map(line -> new StockLine(line.getKey(), line.getValue()))
                    .toList();
            lines.forEach(line -> available.merge(line.productId(), -line.quantity(), Integer::sum));
            created.put(order.orderId(), ReservationStatus.RESERVED);
            held.put(order.orderId(), lines);
            replies.add(new StockReserved(order.orderId(), lines, clock.instant()));
        }
        statuses.putAll(created);
        reservations.createAll(created);
        reservations.addLines(held);
        stock.reserve(held.keySet());
        outbox.addAll(replies);
    }

    /** Turns the orders' reservations into sales. Nothing to answer: the orders are already confirmed. */
    private void sell(List<UUID> orderIds, Map<UUID, ReservationStatus> statuses) {
        List<UUID> sold = new ArrayList<>();
        for (UUID orderId : orderIds) {
            ReservationStatus status = statuses.get(orderId);
            if (status != ReservationStatus.RESERVED) {
                // The saga confirms only reserved orders; anything else is a bug upstream, not something to undo here.
                log.warn("Order {} confirmed but its reservation is {}; ignoring", orderId, status);
                continue;
            }
            statuses.put(orderId, ReservationStatus.SOLD);
            sold.add(orderId);
        }
        stock.sell(sold);
        reservations.changeStatusAll(sold, ReservationStatus.SOLD);
    }

    /**
     * Gives the orders' reserved units back (cancellation or expiry) and answers {@code StockReleased}. An order
     * without a reservation yet gets a marker instead, so its late {@code OrderPlaced} reserves nothing.
     */
    private void release(List<UUID> orderIds, Map<UUID, ReservationStatus> statuses) {
        Map<UUID, ReservationStatus> markers = new LinkedHashMap<>();
        List<UUID> released = new ArrayList<>();
        for (UUID orderId : orderIds) {
            ReservationStatus status = statuses.get(orderId);
            if (status == null) {
                log.info("Order {} ended before it was placed here; its OrderPlaced will reserve nothing", orderId);
                markers.put(orderId, ReservationStatus.CANCELLED_BEFORE_PLACED);
                statuses.put(orderId, ReservationStatus.CANCELLED_BEFORE_PLACED);
            }
            else if (status == ReservationStatus.RESERVED) {
                statuses.put(orderId, ReservationStatus.RELEASED);
                released.add(orderId);
            }
            else {
                log.debug("Order {} ended with reservation {}; nothing to release", orderId, status);
            }
        }
        reservations.createAll(markers);
        Map<UUID, List<StockLine>> lines = reservations.lines(released);
        stock.release(released);
        reservations.changeStatusAll(released, ReservationStatus.RELEASED);
        outbox.addAll(released.stream()
                .map(orderId -> new StockReleased(orderId, lines.getOrDefault(orderId, List.of()), clock.instant()))
                .toList());
    }

    private static List<UUID> orderIds(List<? extends OrderScopedEvent> events) {
        return events.stream().map(OrderScopedEvent::orderId).toList();
    }

    /** The step an event is for. */
    private static Step step(OrderScopedEvent event) {
        return switch (event) {
            case OrderPlaced placed -> Step.RESERVE;
            case OrderConfirmed confirmed -> Step.SELL;
            case OrderCancelled cancelled -> Step.RELEASE;
            case OrderExpired expired -> Step.RELEASE;
            default -> throw new UnreadableEvent("inventory-service takes placed, confirmed, cancelled and expired "
                    + "orders, not " + event.getClass().getSimpleName());
        };
    }

    /**
     * Marks the batch's events processed (under the listener's id) and returns those seen for the first time by
     * step, each step's in the batch's order (a redelivered event, or the same event twice in one poll, is left out).
     */
    private Map<Step, List<OrderScopedEvent>> unprocessed(List<EventMessage<OrderScopedEvent>> messages) {
        Set<UUID> fresh = processedEvents.markAllProcessed(
                messages.stream().map(message -> message.metadata().id()).toList(), OrderEventsListener.ID);
        Map<Step, List<OrderScopedEvent>> bySteps = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            bySteps.put(step, new ArrayList<>());
        }
        for (EventMessage<OrderScopedEvent> message : messages) {
            if (fresh.remove(message.metadata().id())) {
                bySteps.get(step(message.event())).add(message.event());
            }
            else {
                log.debug("{} {} already processed", message.metadata().type(), message.metadata().id());
            }
        }
        return bySteps;
    }

    // Sorted by product id: the order in which StockLevels locks rows, and a stable order for the reply's lines.
    private static SortedMap<String, Integer> merged(List<OrderLine> lines) {
        SortedMap<String, Integer> merged = new TreeMap<>();
        for (OrderLine line : lines) {
            merged.merge(line.productId(), line.quantity(), Integer::sum);
        }
        return merged;
    }
}
