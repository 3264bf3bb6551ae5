package dev.eventmart.events.order;

import dev.eventmart.events.Money;
import dev.eventmart.events.Required;
import java.util.Objects;

/** One line of an order, priced by order-service from its catalog replica. */
public record OrderLine(@Required String productId, String sku, String name, int quantity, @Required Money unitPrice,
        @Required Money lineTotal) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(lineTotal, "lineTotal");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }
}
