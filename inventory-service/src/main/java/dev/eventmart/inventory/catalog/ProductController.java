package dev.eventmart.inventory.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
    }

    @GetMapping
    List<ProductView> all() {
        return products.findAllByOrderByProductId().stream().map(ProductView::of).toList();
    }

    @GetMapping("/{productId}")
    ProductView one(@PathVariable String productId) {
        return products.findById(productId).map(ProductView::of).orElseThrow(() -> new ProductNotFound(productId));
    }
}
