package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's event stream of an order: a {@code status} event for each state it has not seen, the event id being
 * the number of status changes so far ({@code statusHistory}'s size), and the end of the stream once the order is
 * final. Offers arrive from the notification listener's thread, heartbeats from the scheduler's and the end from the
 * container's: each is taken under this object's lock.
 */
final class OrderStream implements OrderWatcher {

    static final String EVENT_NAME = "status";

    private static final Logger log = LoggerFactory.getLogger(OrderStream.class);

    private final SseEmitter emitter;
    private int stepsSent;
    private boolean closed;

    /** @param stepsSeen the steps the client has already seen (its {@code Last-Event-ID}), 0 for none */
    OrderStream(SseEmitter emitter, int stepsSeen) {
        this.emitter = emitter;
        this.stepsSent = stepsSeen;
    }

    @Override
    public synchronized void offer(OrderView order) {
        int steps = order.statusHistory().size();
        if (closed || steps <= stepsSent) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name(EVENT_NAME).id(Integer.toString(steps))
                    .data(order, MediaType.APPLICATION_JSON));
        }
        catch (IOException ex) {
            // The client is gone; the container reports it to the emitter's error callback, which unwatches.
            log.debug("Order {}: stream lost: {}", order.orderId(), ex.toString());
            closed = true;
            return;
        }
        stepsSent = steps;
        if (order.status().isTerminal()) {
            closed = true;
            emitter.complete();
        }
    }

    @Override
    public synchronized void heartbeat() {
        if (closed) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        }
        catch (IOException ex) {
            log.debug("Stream lost at a heartbeat: {}", ex.toString());
            closed = true;
        }
    }

    /** The stream ended (completed, timed out or broken): nothing more is sent. */
    synchronized void close() {
        closed = true;
    }
}
