package dev.eventmart.invariants;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code orders} block of analytics' overview: confirmed orders and their revenue since the run's fresh broker.
 * Asked again for a while when it does not answer 200: the view answers 503 while Kafka Streams rebalances, and a
 * restarted instance takes a moment to restore its stores.
 */
final class AnalyticsOverview {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record Orders(BigDecimal confirmedRevenue, long confirmed) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Sources sources;

    AnalyticsOverview(Sources sources) {
        this.sources = sources;
    }

    /** The overview's orders; {@link IllegalStateException} with the last answer when none came within a while. */
    Orders orders() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String problem;
        do {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        sources.analyticsUrl().resolve("/api/analytics/overview")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", sources.authorization().get()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode orders = JSON.readTree(response.body()).path("orders");
                    if (!orders.path("confirmedRevenue").isNumber() || !orders.path("confirmed").isNumber()) {
                        throw new IllegalStateException("no orders.confirmedRevenue/confirmed in " + response.body());
                    }
                    return new Orders(orders.get("confirmedRevenue").decimalValue(), orders.get("confirmed").longValue());
                }
                problem = "HTTP " + response.statusCode();
            }
            catch (IOException ex) {
                problem = ex.toString();
            }
            Thread.sleep(PAUSE);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("GET /api/analytics/overview failed for " + PATIENCE.toSeconds() + " s: "
                + problem);
    }
}
