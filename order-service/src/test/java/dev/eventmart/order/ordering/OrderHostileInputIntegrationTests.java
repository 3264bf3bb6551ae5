package dev.eventmart.order.ordering;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every endpoint of the order API against a table of hostile requests ({@link HostileInput}): each is answered with
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

    /** Orders and status changes ever stored, in one line: placing or cancelling adds to it. */
    private String stored() {
        return jdbc.sql("""
                select (select count(*) from customer_order) || '/' || (select count(*) from order_status_change)""")
                .query(String.class).single();
    }
}
