package dev.eventmart.invariants;

/** One product's stock as inventory-service holds it. */
public record Units(long available, long reserved, long sold) {

    static final Units NONE = new Units(0, 0, 0);

    long total() {
        return available + reserved + sold;
    }
}
