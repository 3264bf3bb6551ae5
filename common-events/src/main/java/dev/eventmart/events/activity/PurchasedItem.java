package dev.eventmart.events.activity;

import java.math.BigDecimal;
import java.util.Objects;

public record PurchasedItem(String productId, int quantity, BigDecimal unitPrice, BigDecimal totalPrice) {

    public PurchasedItem {
        Objects.requireNonNull(productId, "productId");
    }
}
