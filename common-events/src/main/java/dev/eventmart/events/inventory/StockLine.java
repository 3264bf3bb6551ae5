package dev.eventmart.events.inventory;

import dev.eventmart.events.Required;
import java.util.Objects;

/** A quantity of one product held for, or released from, an order. */
public record StockLine(@Required String productId, int quantity) {

    public StockLine {
        Objects.requireNonNull(productId, "productId");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }
}
