package dev.eventmart.payment.charging;

/** Where a payment stands. Only an authorized payment can be refunded; declined and refunded are final. */
enum PaymentStatus {
    AUTHORIZED,
    DECLINED,
    REFUNDED
}
