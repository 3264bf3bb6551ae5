package dev.eventmart.inventory.stock;

import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.support.messaging.ProcessedEvents;
import dev.eventmart.support.outbox.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory steps of the order saga. Each runs in one transaction that records the event as processed, changes
 * stock and the reservation, and stores the reply in the outbox: a redelivered event finds its id and changes
 * nothing, and a reply is published only if the change committed.
 *
 * <p>Events of one order arrive on different topics and so in any order. The reservation row settles it: whoever
 * creates it first wins, and a cancellation that wins leaves a marker that turns the late {@link OrderPlaced} into
 * a no-op.
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

    /** Locks the orders of a batch of {@code OrderPlaced} and the products they reserve from, in one global order. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockForPlacement(List<OrderPlaced> orders) {
        stock.lockOrders(orders.stream().map(OrderPlaced::orderId).toList());
        stock.lockProducts(orders.stream().flatMap(order -> order.lines().stream()).map(OrderLine::productId)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Locks a batch of confirmed or ended orders and the products they will move units of, in one global order;
     * {@link #sell} and {@link #release} run under these locks. The order locks come first, so a placement of one of
     * them still in flight has committed its reservation lines before the products are looked up.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockForSettlement(List<UUID> orderIds) {
        stock.lockOrders(orderIds);
        stock.lockProductsOfOrders(orderIds);
    }

    /** Reserves every line of the order or none, and answers {@code StockReserved} or {@code StockRejected}. */
    @Transactional
    void reserve(UUID eventId, OrderPlaced order) {
        if (!processedEvents.markProcessed(eventId, RESERVE)) {
            log.debug("OrderPlaced {} of order {} already processed", eventId, order.orderId());
            return;
        }
        SortedMap<String, Integer> wanted = merged(order.lines());
        Map<String, Integer> available = stock.lockAvailable(wanted.keySet());
        List<StockShortage> shortages = wanted.entrySet().stream()
                .filter(line -> available.getOrDefault(line.getKey(), 0) < line.getValue())
                .map(line -> new StockShortage(line.getKey(), line.getValue(),
                        available.getOrDefault(line.getKey(), 0)))
                .toList();
        ReservationStatus outcome = shortages.isEmpty() ? ReservationStatus.RESERVED : ReservationStatus.REJECTED;
        if (!reservations.create(order.orderId(), outcome)) {
            log.info("Order {} already has a reservation (cancelled first, or placed twice); reserving nothing",
                    order.orderId());
            return;
        }
        if (outcome == ReservationStatus.REJECTED) {
            outbox.add(new StockRejected(order.orderId(), shortages, clock.instant()));
            return;
        }
        List<StockLine> lines = wanted.entrySet().stream()
                .map(line -> new StockLine(line.getKey(), line.getValue()))
                .toList();
        reservations.addLines(order.orderId(), lines);
        stock.reserve(order.orderId());
        outbox.add(new StockReserved(order.orderId(), lines, clock.instant()));
    }

    /** Turns the order's reservation into a sale. Nothing to answer: the order is already confirmed. */
    @Transactional
    void sell(UUID eventId, UUID orderId) {
        if (!processedEvents.markProcessed(eventId, SELL)) {
            log.debug("OrderConfirmed {} of order {} already processed", eventId, orderId);
            return;
        }
        ReservationStatus status = reservations.lock(orderId).orElse(null);
        if (status != ReservationStatus.RESERVED) {
            // The saga confirms only reserved orders; anything else is a bug upstream, not something to undo here.
            log.warn("Order {} confirmed but its reservation is {}; ignoring", orderId, status);
            return;
        }
        stock.sell(orderId);
        reservations.changeStatus(orderId, ReservationStatus.SOLD);
    }

    /**
     * Gives the order's reserved units back (cancellation or expiry) and answers {@code StockReleased}. An order
     * without a reservation yet gets a marker instead, so its late {@code OrderPlaced} reserves nothing.
     */
    @Transactional
    void release(UUID eventId, UUID orderId) {
        if (!processedEvents.markProcessed(eventId, RELEASE)) {
            log.debug("Release {} of order {} already processed", eventId, orderId);
            return;
        }
        // Claiming first (rather than reading first) also covers an OrderPlaced committing at this very moment:
        // the insert waits for it and then finds its reservation.
        if (reservations.create(orderId, ReservationStatus.CANCELLED_BEFORE_PLACED)) {
            log.info("Order {} ended before it was placed here; its OrderPlaced will reserve nothing", orderId);
            return;
        }
        ReservationStatus status = reservations.lock(orderId).orElseThrow();
        if (status != ReservationStatus.RESERVED) {
            log.debug("Order {} ended with reservation {}; nothing to release", orderId, status);
            return;
        }
        List<StockLine> lines = reservations.lines(orderId);
        stock.release(orderId);
        reservations.changeStatus(orderId, ReservationStatus.RELEASED);
        outbox.add(new StockReleased(orderId, lines, clock.instant()));
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
