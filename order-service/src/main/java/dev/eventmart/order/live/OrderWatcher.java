package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderView;

/** Someone following one order: an event stream or a bounded wait. */
interface OrderWatcher {

    /**
     * The order as it is now. Called for every change, and possibly more than once for the same state (after a
     * reconnect of the notification listener): a watcher acts only on what is new to it.
     */
    void offer(OrderView order);

    /** A periodic sign of life for connections that need one. */
    default void heartbeat() {
    }
}
