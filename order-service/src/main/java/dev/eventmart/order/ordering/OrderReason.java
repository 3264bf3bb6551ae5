package dev.eventmart.order.ordering;

import dev.eventmart.events.order.CancellationReason;

/** Why an order ended without a sale. */
public enum OrderReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    CUSTOMER_REQUEST,
    TIMEOUT;

    CancellationReason toCancellationReason() {
        return CancellationReason.valueOf(name());
    }
}
