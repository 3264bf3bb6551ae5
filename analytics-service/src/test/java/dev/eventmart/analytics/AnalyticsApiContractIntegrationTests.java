package dev.eventmart.analytics;

import static org.awaitility.Awaitility.await;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.api.OpenApiContract;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation of the served OpenAPI document against the analytics API's real answers, valid and invalid
 * ({@link OpenApiContract}): the activity endpoints, then the figures they produce. Same context as the other
 * integration tests, so no second service starts. Who may call which is shown in the controllers' slices
 * ({@code ActivityControllerTests}, {@code AnalyticsControllerTests}, {@code PartitionsControllerTests}).
 */
@ServiceIntegrationTest
class AnalyticsApiContractIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Test
    void answersAsItsOpenApiDocumentSays() {
        OpenApiContract contract = OpenApiContract.served(http);
        StreamsRunning.await(streams);
        String user = "contract-" + UUID.randomUUID();
        String product = "P-" + UUID.randomUUID();
        String session = "\"userId\":\"" + user + "\",\"sessionId\":\"s1\"";
        Map<String, String> valid = Map.of(
                "pageview", "{" + session + ",\"pageUrl\":\"/\"}",
                "productview", "{" + session + ",\"productId\":\"" + product + "\",\"price\":89.90}",
                "search", "{" + session + ",\"searchQuery\":\"keyboard\"}",
                "addtocart", "{" + session + ",\"productId\":\"" + product + "\",\"quantity\":1,\"price\":89.90}",
                "purchase", "{" + session + ",\"orderId\":\"o-1\",\"totalAmount\":89.90,\"currency\":\"EUR\","
                        + "\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1,\"unitPrice\":89.90,"
                        + "\"totalPrice\":89.90}]}",
                "auth", "{" + session + ",\"action\":\"LOGIN\",\"success\":true}");
        valid.forEach((type, body) -> {
            contract.check(post("/api/activity/" + type, body));
            contract.check(post("/api/activity/" + type, "{}"));
        });
        String item = "{\"eventType\":\"pageview\",\"data\":" + valid.get("pageview") + "}";
        contract.check(post("/api/activity/batch", "[" + item + "]"));
        contract.check(post("/api/activity/batch", "[]"));
        contract.check(post("/api/activity/batch", "[" + String.join(",", Collections.nCopies(1001, item)) + "]"));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/analytics/products/" + product).getStatus()
                .is2xxSuccessful());
        contract.check(get("/api/analytics/users/" + user));
        contract.check(get("/api/analytics/users/" + "u".repeat(101)));
        contract.check(get("/api/analytics/users/unknown-" + UUID.randomUUID()));
        contract.check(get("/api/analytics/products/" + product));
        contract.check(get("/api/analytics/products/" + "p".repeat(101)));
        contract.check(get("/api/analytics/products/P-unknown-" + UUID.randomUUID()));
        contract.check(get("/api/analytics/products/top?by=revenue&limit=5"));
        contract.check(get("/api/analytics/products/top?by=loudness"));
        contract.check(get("/api/analytics/overview"));
        contract.check(get("/api/analytics/funnel"));
        contract.check(get("/api/analytics/timeseries?metric=pageviews"));
        contract.check(get("/api/analytics/timeseries?metric=heartbeats"));

        contract.assertEveryOperationChecked();
    }

    private ExchangeResult get(String uri) {
        return http.get().uri(uri).exchange().returnResult();
    }

    private ExchangeResult post(String uri, String json) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).exchange().returnResult();
    }
}
