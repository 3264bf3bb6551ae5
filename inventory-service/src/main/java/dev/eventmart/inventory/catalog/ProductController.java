package dev.eventmart.inventory.catalog;

import dev.eventmart.support.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog over REST. A product id in the path is at most 40 characters (the column's width) of
 * {@link PlainText}; anything else is answered {@code 400} naming it, before the database is asked.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

    static final int MAX_PRODUCT_ID = 40;

    private final Products products;
    private final Restocking restocking;

    ProductController(Products products, Restocking restocking) {
        this.products = products;
        this.restocking = restocking;
    }

    @GetMapping
    List<ProductView> all() {
        return products.findAllByOrderByProductId().stream().map(ProductView::of).toList();
    }

    @GetMapping("/{productId}")
    ProductView one(@PathVariable @Size(max = MAX_PRODUCT_ID) @PlainText String productId) {
        return products.findById(productId).map(ProductView::of).orElseThrow(() -> new ProductNotFound(productId));
    }

    @PostMapping("/{productId}/restock")
    ProductView restock(@PathVariable @Size(max = MAX_PRODUCT_ID) @PlainText String productId,
            @Valid @RequestBody RestockRequest request) {
        return restocking.restock(productId, request.quantity());
    }
}
