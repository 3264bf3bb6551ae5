/** Expiry of orders that stall: no reply within the timeout ends them {@code EXPIRED}, with compensation. */
package dev.eventmart.order.expiry;
