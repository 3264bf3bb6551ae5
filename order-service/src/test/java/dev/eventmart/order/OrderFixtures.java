package dev.eventmart.order;

import static org.awaitility.Awaitility.await;

import dev.eventmart.events.Money;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.test.EventProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Small builders for order-service tests. */
public final class OrderFixtures {

    private OrderFixtures() {
    }

    /** Puts a fresh product into the catalog replica through the snapshot topic, as inventory would. */
    public static String productInCatalog(EventProbe probe, CatalogReplica catalog, String price) {
        String productId = "P-" + UUID.randomUUID().toString().substring(0, 8);
        probe.send(new ProductSnapshot(productId, "SKU-" + productId, "Product " + productId, "tests",
                Money.of(price, "EUR"), true, 1, Instant.now()), "inventory-service");
        await().until(() -> catalog.find(productId).isPresent());
        return productId;
    }

    /** Places an order over REST, expects {@code 202} and returns its id. */
    public static UUID place(RestTestClient http, Map<String, Object> request) {
        Map<?, ?> body = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString(body.get("orderId").toString());
    }

    public static Map<String, Object> orderRequest(String customerId, String token, List<Map<String, Object>> items) {
        return Map.of(
                "customerId", customerId,
                "customerEmail", customerId + "@example.com",
                "currency", "EUR",
                "paymentToken", token,
                "shippingAddress", Map.of("street", "1 Main St", "city", "Springfield", "state", "IL",
                        "zipCode", "62701", "country", "US"),
                "items", items);
    }

    public static Map<String, Object> item(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    public static String customer() {
        return "customer-" + UUID.randomUUID();
    }
}
