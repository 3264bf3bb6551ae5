package dev.eventmart.events.order;

/** Why an order ended {@code CANCELLED}. */
public enum CancellationReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    CUSTOMER_REQUEST
}
