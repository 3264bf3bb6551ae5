package dev.eventmart.events.inventory;

import dev.eventmart.events.Required;
import java.util.Objects;

/** A line that could not be reserved: how much was asked for and how much was available. */
public record StockShortage(@Required String productId, int requested, int available) {

    public StockShortage {
        Objects.requireNonNull(productId, "productId");
    }
}
