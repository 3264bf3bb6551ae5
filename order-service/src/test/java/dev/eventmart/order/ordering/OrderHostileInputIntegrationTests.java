package dev.eventmart.order.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.hostile.HostileInput;
import dev.eventmart.test.hostile.HostileInput.Field;
import dev.eventmart.test.hostile.HostileInput.Parameter;
import dev.eventmart.test.hostile.HostileRequest;
import dev.eventmart.test.hostile.HostileResponses;
import dev.eventmart.test.hostile.RawHttp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every endpoint of the order API, the operators' dead-letter API included, against a table of hostile requests ({@link HostileInput}): each is answered with
 * a {@code 4xx} problem detail that leaks nothing of an exception, and no order or status change is stored (the
 * outbox is left out of the count: its relay empties it while other tests' events go out). Same context as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class OrderHostileInputIntegrationTests {

    private static final String ORDER = """
            {"customerId":"ada","customerEmail":"ada@example.com","currency":"EUR","paymentToken":"tok_visa",
             "shippingAddress":{"street":"1 Analytical Way","city":"London","state":"LDN","zipCode":"N1 9GU",
             "country":"GB"},
             "items":[{"productId":"P-1001","quantity":2}]}""";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    static List<HostileRequest> place() {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String text : List.of("customerId", "customerEmail", "currency", "paymentToken",
                "shippingAddress.street", "shippingAddress.city", "shippingAddress.state", "shippingAddress.zipCode",
                "shippingAddress.country", "items[0].productId")) {
            fields.put(text, Field.TEXT);
        }
        fields.put("items[0].quantity", Field.WHOLE_NUMBER);
        List<HostileRequest> cases = new ArrayList<>(HostileInput.jsonBody("POST", "/api/orders", ORDER, fields));
        cases.addAll(HostileInput.header(HostileInput.validJson("POST", "/api/orders", ORDER), "Idempotency-Key",
                100));
        cases.addAll(HostileInput.requestLine("POST", "/api/orders"));
        return cases;
    }

    static List<HostileRequest> one() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/orders/{}",
                Parameter.UUID, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/orders/" + UUID.randomUUID()));
        return cases;
    }

    /** On an order that does not exist: whatever passes validation is {@code 404}, so nothing waits or streams. */
    static List<HostileRequest> waitFor() {
        String order = "/api/orders/" + UUID.randomUUID();
        List<HostileRequest> cases = new ArrayList<>(HostileInput.queryParameter(order, "timeoutMs=1", "waitFor",
                Parameter.TEXT));
        cases.addAll(HostileInput.queryParameter(order, "waitFor=terminal", "timeoutMs", Parameter.PAGE));
        cases.addAll(HostileInput.requestLine("GET", order + "?waitFor=terminal&timeoutMs=1"));
        return cases;
    }

    static List<HostileRequest> events() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/orders/{}/events",
                Parameter.UUID, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/orders/" + UUID.randomUUID() + "/events"));
        return cases;
    }

    static List<HostileRequest> list() {
        List<HostileRequest> cases = new ArrayList<>();
        cases.addAll(HostileInput.queryParameter("/api/orders", "", "customerId", Parameter.TEXT));
        cases.addAll(HostileInput.queryParameter("/api/orders", "customerId=ada", "status", Parameter.NAME));
        cases.addAll(HostileInput.queryParameter("/api/orders", "", "page", Parameter.PAGE));
        cases.addAll(HostileInput.queryParameter("/api/orders", "", "size", Parameter.SIZE));
        cases.addAll(HostileInput.requestLine("GET", "/api/orders?customerId=ada"));
        return cases;
    }

    static List<HostileRequest> cancel() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("POST", "/api/orders/{}/cancel",
                Parameter.UUID, null));
        cases.addAll(HostileInput.requestLine("POST", "/api/orders/" + UUID.randomUUID() + "/cancel"));
        return cases;
    }

    private static final String DEAD_LETTERS = "/api/operations/dead-letters";
    private static final String DLT = DEAD_LETTERS + "/" + Topics.deadLetterOf(Topics.STOCK_RESERVED);
    /** An address no dead letter has: the valid requests built on it are answered 404, so nothing is replayed. */
    private static final String NO_RECORD = DLT + "/records/0/999999999";
    private static final String REASON = "{\"reason\":\"the data is fixed\"}";

    static List<HostileRequest> deadLetterRecords() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", DEAD_LETTERS + "/{}/records",
                Parameter.TEXT, null));
        cases.addAll(HostileInput.queryParameter(DLT + "/records", "", "partition", Parameter.PAGE));
        cases.addAll(HostileInput.queryParameter(DLT + "/records", "", "limit", Parameter.SIZE));
        cases.addAll(HostileInput.pathSegment("GET", DLT + "/records/{}/0", Parameter.PAGE, null));
        cases.addAll(HostileInput.pathSegment("GET", DLT + "/records/0/{}", Parameter.PAGE, null));
        cases.addAll(HostileInput.requestLine("GET", DLT + "/records?limit=1"));
        return cases;
    }

    static List<HostileRequest> deadLetterActions() {
        List<HostileRequest> cases = new ArrayList<>();
        for (String action : List.of("replay", "discard")) {
            cases.addAll(HostileInput.jsonBody("POST", NO_RECORD + "/" + action, REASON,
                    Map.of("reason", Field.TEXT)));
            cases.addAll(HostileInput.pathSegment("POST", DEAD_LETTERS + "/{}/records/0/0/" + action,
                    Parameter.TEXT, REASON));
            cases.addAll(HostileInput.pathSegment("POST", DLT + "/records/{}/0/" + action, Parameter.PAGE, REASON));
            cases.addAll(HostileInput.pathSegment("POST", DLT + "/records/0/{}/" + action, Parameter.PAGE, REASON));
            cases.addAll(HostileInput.requestLine("POST", NO_RECORD + "/" + action));
        }
        // Replay all only on a topic that is none: its valid requests are 404, the invalid bodies 400 before that.
        cases.addAll(HostileInput.jsonBody("POST", DEAD_LETTERS + "/no.such.topic.dlt/replay", REASON,
                Map.of("reason", Field.TEXT)));
        cases.addAll(HostileInput.pathSegment("POST", DEAD_LETTERS + "/{}/replay", Parameter.TEXT, null));
        cases.addAll(HostileInput.requestLine("POST", DEAD_LETTERS + "/no.such.topic.dlt/replay"));
        return cases;
    }

    static List<HostileRequest> deadLetterAudit() {
        String actions = "/api/operations/dead-letter-actions";
        List<HostileRequest> cases = new ArrayList<>(HostileInput.queryParameter(actions, "", "topic",
                Parameter.TEXT));
        // PAGE: every value of the kind is out of 1-500 or not a number (SIZE's 101 is a valid limit here).
        cases.addAll(HostileInput.queryParameter(actions, "", "limit", Parameter.PAGE));
        cases.addAll(HostileInput.requestLine("GET", actions));
        return cases;
    }

    @ParameterizedTest
    @MethodSource
    void deadLetterRecords(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void deadLetterActions(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void deadLetterAudit(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void place(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void one(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void waitFor(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void events(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void list(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    @ParameterizedTest
    @MethodSource
    void cancel(HostileRequest request) {
        assertRefusedAndNothingStored(request);
    }

    private void assertRefusedAndNothingStored(HostileRequest request) {
        String before = stored();

        HostileResponses.assertRefused(request, RawHttp.send(port, request));

        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Orders, status changes and dead-letter actions ever stored, in one line: placing, cancelling, replaying or
     * discarding adds to it.
     */
    private String stored() {
        return jdbc.sql("""
                select (select count(*) from customer_order) || '/' || (select count(*) from order_status_change)
                       || '/' || (select count(*) from dead_letter_action)""")
                .query(String.class).single();
    }
}
