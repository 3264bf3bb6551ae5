package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;

/** Someone following one order: an event stream or a bounded wait. */
interface OrderWatcher {

    /**
     * The order as it is now. Called for every change, and possibly more than once for the same state (after a
     * reconnect of the notification listener): a watcher acts only on what is new to it.
     */
    void offer(OrderView order);

    /**
     * This instance is shutting down: answer now with the order as it is, so that the server's graceful shutdown is
     * not held up by a follower (a stream's client reconnects, to another instance).
     */
    void end(OrderView order);

    /** A periodic sign of life for connections that need one. */
    default void heartbeat() {
    }
}
