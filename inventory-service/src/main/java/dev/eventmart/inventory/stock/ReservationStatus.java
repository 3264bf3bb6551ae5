package dev.eventmart.inventory.stock;

/** Where an order's reservation stands. Only {@link #RESERVED} holds stock; every other status is final. */
enum ReservationStatus {

    /** Every line is held in {@code reserved}, waiting for the order to be confirmed, cancelled or to expire. */
    RESERVED,

    /** At least one line was short, so nothing was reserved. */
    REJECTED,

    /** The order was cancelled or expired; its units went back to {@code available}. */
    RELEASED,

    /** The order was confirmed; its units moved from {@code reserved} to {@code sold}. */
    SOLD,

    /**
     * The order was cancelled (or expired) before its {@code OrderPlaced} arrived. A marker, so that the late
     * {@code OrderPlaced} finds a reservation and reserves nothing.
     */
    CANCELLED_BEFORE_PLACED
}
