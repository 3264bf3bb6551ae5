package dev.eventmart.inventory.catalog;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

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
    ProductView one(@PathVariable String productId) {
        return products.findById(productId).map(ProductView::of).orElseThrow(() -> new ProductNotFound(productId));
    }

    @PostMapping("/{productId}/restock")
    ProductView restock(@PathVariable String productId, @Valid @RequestBody RestockRequest request) {
        return restocking.restock(productId, request.quantity());
    }
}
