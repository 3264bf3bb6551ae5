package dev.eventmart.order.catalog;

import dev.eventmart.events.Money;

/** A product as order-service knows it: enough to price an order line. */
public record CatalogProduct(String productId, String sku, String name, String category, Money price,
        boolean active, long version) {
}
