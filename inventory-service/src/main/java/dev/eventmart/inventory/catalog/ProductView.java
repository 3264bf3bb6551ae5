package dev.eventmart.inventory.catalog;

import java.math.BigDecimal;

/** A product as the REST API shows it: catalog data and stock levels. */
record ProductView(String productId, String sku, String name, String category, BigDecimal price, String currency,
        int available, int reserved, int sold) {

    static ProductView of(Product product) {
        return new ProductView(product.productId(), product.sku(), product.name(), product.category(),
                product.price().amount(), product.price().currency(), product.available(), product.reserved(),
                product.sold());
    }
}
