package dev.eventmart.order.ordering;

/** Where an order is in its saga. {@code CONFIRMED}, {@code CANCELLED} and {@code EXPIRED} are final. */
public enum OrderStatus {
    PENDING,
    RESERVED,
    CONFIRMED,
    CANCELLED,
    EXPIRED;

    public boolean isTerminal() {
        return this == CONFIRMED || this == CANCELLED || this == EXPIRED;
    }
}
