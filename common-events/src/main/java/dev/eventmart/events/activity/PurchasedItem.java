package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.math.BigDecimal;
import java.util.Objects;

public record PurchasedItem(@Required String productId, int quantity, BigDecimal unitPrice, BigDecimal totalPrice) {

    public PurchasedItem {
        Objects.requireNonNull(productId, "productId");
    }
}
