package dev.eventmart.payment.charging;

/** How an order ended without a sale; either way nothing may stay charged. */
enum OrderOutcome {
    CANCELLED,
    EXPIRED
}
