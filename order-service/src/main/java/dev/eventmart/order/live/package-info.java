/**
 * Live orders: an order's status changes pushed to whoever follows it (Server-Sent Events, a bounded wait for a final
 * status), whichever order-service instance made the change.
 */
package dev.eventmart.order.live;
