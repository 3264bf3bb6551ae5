/**
 * Payments of orders: authorization on the saga's request, one payment per order ever, a refund when the order
 * ends without a sale, and the payments REST API.
 */
package dev.eventmart.payment.charging;
