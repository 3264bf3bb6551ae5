package dev.eventmart.inventory.stock;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.OrderScopedEvent;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.EventMessage;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.util.ArrayList;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory steps of the order saga, each for a poll's worth of events in one transaction that records the
 * events as processed, changes stock and the reservations, and stores the replies in the outbox: a redelivered
 * event finds its id and changes nothing, and a reply is published only if the change committed.
 *
 * <p>Set-based: a step takes the same handful of statements for one event or a hundred (mark processed, lock the
 * orders, lock the products, read the reservations, one statement per kind of change, the replies as one batch),
 * and decides each order in Java, in the order the events came. Under load the batch shares those round trips; one
 * statement per order was what bounded this service at about 45 orders a second.
 *
 * <p>Events of one order arrive on different topics and so in any order. The reservation row settles it: whoever
 * creates it first wins, and a cancellation that wins leaves a marker that turns the late {@link OrderPlaced} into
 * a no-op. Every step first takes the advisory locks of its orders, then the product rows, each in one global
 * order, so two batches queue instead of deadlocking and nothing changes an order's reservation between the read
 * and the write.
 */
@Service
class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private static final String RESERVE = "inventory.reserve";
    private static final String SELL = "inventory.sell";
    private static final String RELEASE = "inventory.release";

    private final Reservations reservations;
    private final StockLevels stock;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    StockReservations(Reservations reservations, StockLevels stock, ProcessedEvents processedEvents, Outbox outbox,
            ObjectProvider<Clock> clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Reserves every line of each order or none, in the order the events came (so of two orders for the last units,
     * the earlier gets them), and answers each with {@code StockReserved} or {@code StockRejected}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void reserve(List<EventMessage<OrderPlaced>> messages) {
        stock.lockOrders(orderIds(messages));
        List<OrderPlaced> orders = unprocessed(messages, RESERVE);
        if (orders.isEmpty()) {
            return;
        }
        Map<UUID, ReservationStatus> existing = reservations.lockAll(orders.stream().map(OrderPlaced::orderId).toList());
        Map<String, Integer> available = stock.lockAvailable(orders.stream()
                .flatMap(order -> order.lines().stream()).map(OrderLine::productId)
                .collect(TreeSet::new, Set::add, Set::addAll));
        Map<UUID, ReservationStatus> outcomes = new LinkedHashMap<>();
        Map<UUID, List<StockLine>> held = new LinkedHashMap<>();
        List<DomainEvent> replies = new ArrayList<>();
        for (OrderPlaced order : orders) {
            if (existing.containsKey(order.orderId()) || outcomes.containsKey(order.orderId())) {
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
                outcomes.put(order.orderId(), ReservationStatus.REJECTED);
                replies.add(new StockRejected(order.orderId(), shortages, clock.instant()));
                continue;
            }
            List<StockLine> lines = wanted.entrySet().stream()
                    .map(line -> new StockLine(line.getKey(), line.getValue()))
                    .toList();
            lines.forEach(line -> available.merge(line.productId(), -line.quantity(), Integer::sum));
            outcomes.put(order.orderId(), ReservationStatus.RESERVED);
            held.put(order.orderId(), lines);
            replies.add(new StockReserved(order.orderId(), lines, clock.instant()));
        }
        reservations.createAll(outcomes);
        reservations.addLines(held);
        stock.reserve(held.keySet());
        outbox.addAll(replies);
    }

    /** Turns the orders' reservations into sales. Nothing to answer: the orders are already confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void sell(List<? extends EventMessage<? extends OrderScopedEvent>> messages) {
        stock.lockOrders(orderIds(messages));
        List<UUID> orderIds = unprocessed(messages, SELL).stream().map(OrderScopedEvent::orderId).toList();
        Map<UUID, ReservationStatus> statuses = lockSettledProducts(orderIds);
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
    @Transactional(propagation = Propagation.MANDATORY)
    void release(List<? extends EventMessage<? extends OrderScopedEvent>> messages) {
        stock.lockOrders(orderIds(messages));
        List<UUID> orderIds = unprocessed(messages, RELEASE).stream().map(OrderScopedEvent::orderId).toList();
        Map<UUID, ReservationStatus> statuses = lockSettledProducts(orderIds);
        Map<UUID, ReservationStatus> markers = new LinkedHashMap<>();
        List<UUID> released = new ArrayList<>();
        for (UUID orderId : orderIds) {
            ReservationStatus status = statuses.get(orderId);
            if (status == null && !markers.containsKey(orderId)) {
                log.info("Order {} ended before it was placed here; its OrderPlaced will reserve nothing", orderId);
                markers.put(orderId, ReservationStatus.CANCELLED_BEFORE_PLACED);
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

    /**
     * Locks the products the orders' reservations hold and returns the reservations, locked too. The caller holds
     * the orders' locks, so a placement of one of them still in flight has committed its reservation lines before
     * the products are looked up.
     */
    private Map<UUID, ReservationStatus> lockSettledProducts(List<UUID> orderIds) {
        stock.lockProductsOfOrders(orderIds);
        return reservations.lockAll(orderIds);
    }

    private static List<UUID> orderIds(List<? extends EventMessage<? extends OrderScopedEvent>> messages) {
        return messages.stream().map(message -> message.event().orderId()).toList();
    }

    /**
     * Marks the batch's events processed by {@code handler} and returns each event seen for the first time, in the
     * batch's order (a redelivered event, or the same event twice in one poll, is left out). Runs after the orders'
     * advisory locks: every step takes the order locks, then the inbox rows, then the product rows, so two steps
     * racing over one redelivered event queue instead of deadlocking.
     */
    private <T extends OrderScopedEvent> List<T> unprocessed(List<? extends EventMessage<? extends T>> messages,
            String handler) {
        Set<UUID> fresh = processedEvents.markAllProcessed(
                messages.stream().map(message -> message.metadata().id()).toList(), handler);
        List<T> events = new ArrayList<>(fresh.size());
        for (EventMessage<? extends T> message : messages) {
            if (fresh.remove(message.metadata().id())) {
                events.add(message.event());
            }
            else {
                log.debug("{} {} already processed", handler, message.metadata().id());
            }
        }
        return events;
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
