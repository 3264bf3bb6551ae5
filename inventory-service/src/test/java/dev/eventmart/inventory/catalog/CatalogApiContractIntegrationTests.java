package dev.eventmart.inventory.catalog;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import dev.eventmart.test.security.Clients;
import dev.eventmart.test.security.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the catalog API's real answers, valid and invalid
 * ({@link OpenApiContract}), and who may call which. Same context as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class CatalogApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private JdbcClient jdbc;

    @LocalServerPort
    private int port;

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

    @Test
    void letsAnyoneBrowseAndOnlyStaffRestock() {
        String product = newProduct();
        Clients.anonymous(port).get().uri("/api/products/{id}", product).exchange().expectStatus().isOk();
        Clients.anonymous(port).get().uri("/api/products").exchange().expectStatus().isOk();

        Map<String, Object> five = Map.of("quantity", 5);
        Clients.anonymous(port).post().uri("/api/products/{id}/restock", product)
                .contentType(MediaType.APPLICATION_JSON).body(five).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Clients.withToken(port, TestTokens.customer("alice")).post().uri("/api/products/{id}/restock", product)
                .contentType(MediaType.APPLICATION_JSON).body(five).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Clients.withToken(port, TestTokens.token("olivia").roles("ops").sign())
                .post().uri("/api/products/{id}/restock", product)
                .contentType(MediaType.APPLICATION_JSON).body(five).exchange()
                .expectStatus().isForbidden();
        Clients.withToken(port, TestTokens.staff()).post().uri("/api/products/{id}/restock", product)
                .contentType(MediaType.APPLICATION_JSON).body(five).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.available").isEqualTo(10);
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
