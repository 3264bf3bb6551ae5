/** The saga's reactions to inventory's and payment's replies: reserve → pay → confirm, or cancel. */
package dev.eventmart.order.saga;
