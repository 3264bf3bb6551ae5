package dev.eventmart.inventory.catalog;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the catalog API's real answers, valid and invalid
 * ({@link OpenApiContract}). Same context as the other integration tests, so no second service starts. Who may call
 * which is shown in {@link ProductControllerTests}, through the same rules.
 */
@ServiceIntegrationTest
class CatalogApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void answersAsItsOpenApiDocumentSays() {
        OpenApiContract contract = OpenApiContract.served(http);
        String product = newProduct();
        String tooLong = "P-" + "1".repeat(ProductController.MAX_PRODUCT_ID);

        contract.check(get("/api/products"));

        contract.check(get("/api/products/" + product));
        contract.check(get("/api/products/" + tooLong));
        contract.check(get("/api/products/T-unknown"));

        contract.check(restock(product, Map.of("quantity", 5)));
        contract.check(restock(product, Map.of("quantity", 0)));
        contract.check(restock("T-unknown", Map.of("quantity", 5)));

        contract.assertEveryOperationChecked();
    }

    private ExchangeResult get(String uri) {
        return http.get().uri(uri).exchange().returnResult();
    }

    private ExchangeResult restock(String productId, Object body) {
        return http.post().uri("/api/products/{productId}/restock", productId).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange().returnResult();
    }

    /** A product of its own, so restocking it changes nothing another test counts on. */
    private String newProduct() {
        String productId = "T-" + UUID.randomUUID();
        jdbc.sql("""
                insert into product (product_id, sku, name, category, price, currency, available, active)
                values (?, ?, ?, 'tests', 10.00, 'EUR', 5, true)""")
                .params(productId, "SKU-" + productId.substring(2), "Contract product " + productId)
                .update();
        return productId;
    }
}
