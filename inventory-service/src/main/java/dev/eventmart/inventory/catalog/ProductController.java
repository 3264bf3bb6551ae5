package dev.eventmart.inventory.catalog;

import dev.eventmart.support.web.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * {@link PlainText}; anything else is answered {@code 400} naming it, before the database is asked. Browsing is
 * open to anyone, restocking is staff's ({@link ProductApiAccess}).
 */
@Tag(name = "Products", description = "The catalog with its stock levels")
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

    @Operation(summary = "The whole catalog, by product id")
    @SecurityRequirements
    @GetMapping
    List<ProductView> all() {
        return products.findAllByOrderByProductId().stream().map(ProductView::of).toList();
    }

    @Operation(summary = "One product with its stock levels")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    @SecurityRequirements
    @GetMapping("/{productId}")
    ProductView one(@Parameter(example = "P-1001") @PathVariable @Size(max = MAX_PRODUCT_ID) @PlainText
            String productId) {
        return products.findById(productId).map(ProductView::of).orElseThrow(() -> new ProductNotFound(productId));
    }

    @Operation(summary = "Add stock to a product",
            description = "Publishes a new snapshot of the product, which the order service's catalog replicates. "
                    + "Staff only.")
    @ApiResponse(responseCode = "200", description = "The product with its new stock level")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    @PostMapping("/{productId}/restock")
    ProductView restock(@Parameter(example = "P-1001") @PathVariable @Size(max = MAX_PRODUCT_ID) @PlainText
            String productId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"quantity\": 50}"))) @Valid @RequestBody RestockRequest request) {
        return restocking.restock(productId, request.quantity());
    }
}
