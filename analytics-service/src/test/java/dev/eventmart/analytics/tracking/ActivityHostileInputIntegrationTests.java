package dev.eventmart.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.hostile.HostileInput;
import dev.eventmart.test.hostile.HostileInput.Field;
import dev.eventmart.test.hostile.HostileRequest;
import dev.eventmart.test.hostile.HostileResponses;
import dev.eventmart.test.hostile.RawHttp;
import dev.eventmart.test.hostile.RawResponse;
import dev.eventmart.test.hostile.TopicEnds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every ingestion endpoint against a table of hostile requests ({@link HostileInput}), each table made from a
 * request that is accepted as it is: each case is answered with a {@code 4xx} problem detail that leaks nothing of
 * an exception, and nothing is published to {@code analytics.activity.tracked}. A batch reads and judges each item
 * on its own, so a hostile item is that item's error in a {@code 202}; the batch table checks that. Same context
 * as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class ActivityHostileInputIntegrationTests {

    static final String PAGE_VIEW = """
            {"userId":"hostile-input","sessionId":"s1","pageUrl":"/","pageTitle":"Home","loadTimeMs":120,\
            "previousPage":"/before"}""";
    static final String PRODUCT_VIEW = """
            {"userId":"hostile-input","sessionId":"s1","productId":"P-1","productName":"Keyboard",\
            "category":"Peripherals","price":89.90,"viewDurationSeconds":12,"source":"search"}""";
    static final String SEARCH = """
            {"userId":"hostile-input","sessionId":"s1","searchQuery":"keyboard","resultsCount":3,\
            "filters":{"color":"black"},"sortBy":"price","responseTimeMs":40}""";
    static final String ADD_TO_CART = """
            {"userId":"hostile-input","sessionId":"s1","productId":"P-1","quantity":1,"price":89.90,\
            "cartTotal":89.90,"cartItemCount":1}""";
    static final String PURCHASE = """
            {"userId":"hostile-input","sessionId":"s1","orderId":"o-1","totalAmount":89.90,"currency":"EUR",\
            "items":[{"productId":"P-1","quantity":1,"unitPrice":89.90,"totalPrice":89.90}],\
            "paymentMethod":"card","discountAmount":0,"taxAmount":14.35}""";
    static final String AUTH = """
            {"userId":"hostile-input","sessionId":"s1","action":"LOGIN","method":"password","success":true,\
            "failureReason":"none"}""";
    static final String BATCH = "[{\"eventType\":\"pageview\",\"data\":" + PAGE_VIEW + "}]";

    private static TopicEnds tracked;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void countTracked() {
        tracked = TopicEnds.of(Topics.ACTIVITY_TRACKED);
    }

    @AfterAll
    static void stopCounting() {
        tracked.close();
    }

    static List<HostileRequest> pageView() {
        List<HostileRequest> cases = new ArrayList<>(body("pageview", PAGE_VIEW, fields(
                text("userId", "sessionId", "pageUrl", "pageTitle", "previousPage"),
                Map.of("loadTimeMs", Field.WHOLE_NUMBER))));
        HostileRequest valid = HostileInput.validJson("POST", "/api/activity/pageview", PAGE_VIEW);
        cases.addAll(HostileInput.header(valid, "User-Agent", 0));
        cases.addAll(HostileInput.header(valid, "X-Forwarded-For", 0));
        cases.addAll(HostileInput.header(valid, "X-Real-IP", 0));
        return cases;
    }

    static List<HostileRequest> productView() {
        return body("productview", PRODUCT_VIEW, fields(
                text("userId", "sessionId", "productId", "productName", "category", "source"),
                Map.of("price", Field.DECIMAL, "viewDurationSeconds", Field.WHOLE_NUMBER)));
    }

    static List<HostileRequest> search() {
        return body("search", SEARCH, fields(text("userId", "sessionId", "searchQuery", "filters.color", "sortBy"),
                Map.of("resultsCount", Field.WHOLE_NUMBER, "responseTimeMs", Field.WHOLE_NUMBER)));
    }

    static List<HostileRequest> addToCart() {
        return body("addtocart", ADD_TO_CART, fields(text("userId", "sessionId", "productId"),
                Map.of("quantity", Field.WHOLE_NUMBER, "price", Field.DECIMAL, "cartTotal", Field.DECIMAL,
                        "cartItemCount", Field.WHOLE_NUMBER)));
    }

    static List<HostileRequest> purchase() {
        return body("purchase", PURCHASE, fields(
                text("userId", "sessionId", "orderId", "currency", "paymentMethod", "items[0].productId"),
                Map.of("totalAmount", Field.DECIMAL, "discountAmount", Field.DECIMAL, "taxAmount", Field.DECIMAL,
                        "items[0].quantity", Field.WHOLE_NUMBER, "items[0].unitPrice", Field.DECIMAL,
                        "items[0].totalPrice", Field.DECIMAL)));
    }

    static List<HostileRequest> auth() {
        return body("auth", AUTH, fields(text("userId", "sessionId", "action", "method", "failureReason"), Map.of()));
    }

    static List<HostileRequest> batch() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.jsonBody("POST", "/api/activity/batch", BATCH,
                Map.of()));
        String item = BATCH.substring(1, BATCH.length() - 1);
        cases.add(new HostileRequest("1,001 items", "POST", "/api/activity/batch",
                List.of("Content-Type: application/json"),
                ("[" + String.join(",", Collections.nCopies(1001, item)) + "]").getBytes(StandardCharsets.UTF_8)));
        cases.addAll(HostileInput.requestLine("POST", "/api/activity/batch"));
        return cases;
    }

    /** Hostile values inside the one item of a batch: each is that item's error, or the whole batch's. */
    static List<HostileRequest> batchItem() {
        return HostileInput.jsonBody("POST", "/api/activity/batch", BATCH,
                fields(text("[0].eventType", "[0].data.userId", "[0].data.sessionId", "[0].data.pageUrl"),
                        Map.of("[0].data.loadTimeMs", Field.WHOLE_NUMBER))).stream()
                .filter(request -> request.name().startsWith("[0]"))
                .toList();
    }

    @Test
    void acceptsTheRequestsTheHostileOnesAreMadeFrom() {
        for (var valid : Map.of("pageview", PAGE_VIEW, "productview", PRODUCT_VIEW, "search", SEARCH, "addtocart",
                ADD_TO_CART, "purchase", PURCHASE, "auth", AUTH, "batch", BATCH).entrySet()) {
            RawResponse response = RawHttp.send(port,
                    HostileInput.validJson("POST", "/api/activity/" + valid.getKey(), valid.getValue()));

            assertThat(response.status()).as(valid.getKey() + ": " + response.body()).isEqualTo(202);
            assertThat(response.body()).doesNotContain("\"rejected\":1");
        }
    }

    @ParameterizedTest
    @MethodSource
    void pageView(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void productView(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void search(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void addToCart(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void purchase(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void auth(HostileRequest request) {
        assertRefusedAndNothingPublished(request);
    }

    @ParameterizedTest
    @MethodSource
    void batch(HostileRequest request) {
        assertRefusedOrEveryItemRejected(request);
    }

    @ParameterizedTest
    @MethodSource
    void batchItem(HostileRequest request) {
        assertRefusedOrEveryItemRejected(request);
    }

    /** A batch with an item that is not an object ({@code [null]}) answers that item's error in a {@code 202}. */
    private void assertRefusedOrEveryItemRejected(HostileRequest request) {
        long before = tracked.records();

        RawResponse response = RawHttp.send(port, request);

        if (response.status() == 202) {
            assertThat(response.body()).as(request.name())
                    .contains("\"accepted\":0", "\"rejected\":1", "\"error\":")
                    .doesNotContain("Exception", "java.", "tools.jackson", "`");
        }
        else {
            HostileResponses.assertRefused(request, response);
        }
        assertThat(tracked.records()).as(request.name()).isEqualTo(before);
    }

    private void assertRefusedAndNothingPublished(HostileRequest request) {
        long before = tracked.records();

        HostileResponses.assertRefused(request, RawHttp.send(port, request));

        assertThat(tracked.records()).as(request.name()).isEqualTo(before);
    }

    private static List<HostileRequest> body(String type, String valid, Map<String, Field> fields) {
        String path = "/api/activity/" + type;
        List<HostileRequest> cases = new ArrayList<>(HostileInput.jsonBody("POST", path, valid, fields));
        cases.addAll(HostileInput.requestLine("POST", path));
        return cases;
    }

    private static Map<String, Field> text(String... paths) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String path : paths) {
            fields.put(path, Field.TEXT);
        }
        return fields;
    }

    private static Map<String, Field> fields(Map<String, Field> text, Map<String, Field> others) {
        Map<String, Field> fields = new LinkedHashMap<>(text);
        fields.putAll(others);
        return fields;
    }
}
