package dev.eventmart.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.hostile.HostileInput;
import dev.eventmart.test.hostile.HostileInput.Field;
import dev.eventmart.test.hostile.HostileInput.Parameter;
import dev.eventmart.test.hostile.HostileRequest;
import dev.eventmart.test.hostile.HostileResponses;
import dev.eventmart.test.hostile.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every endpoint of the catalog API against a table of hostile requests ({@link HostileInput}): each is answered
 * with a {@code 4xx} problem detail that leaks nothing of an exception, and no product's stock or version changes.
 * Same context as the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class CatalogHostileInputIntegrationTests {

    private static final String PRODUCT = "P-1001";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    static List<HostileRequest> catalog() {
        return HostileInput.requestLine("GET", "/api/products");
    }

    static List<HostileRequest> product() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/products/{}",
                Parameter.TEXT, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/products/" + PRODUCT));
        return cases;
    }

    static List<HostileRequest> restock() {
        String path = "/api/products/" + PRODUCT + "/restock";
        List<HostileRequest> cases = new ArrayList<>(HostileInput.jsonBody("POST", path, "{\"quantity\":5}",
                Map.of("quantity", Field.WHOLE_NUMBER)));
        cases.addAll(HostileInput.pathSegment("POST", "/api/products/{}/restock", Parameter.TEXT,
                "{\"quantity\":5}"));
        cases.addAll(HostileInput.requestLine("POST", path));
        return cases;
    }

    @ParameterizedTest
    @MethodSource
    void catalog(HostileRequest request) {
        assertRefusedAndNothingChanged(request);
    }

    @ParameterizedTest
    @MethodSource
    void product(HostileRequest request) {
        assertRefusedAndNothingChanged(request);
    }

    @ParameterizedTest
    @MethodSource
    void restock(HostileRequest request) {
        assertRefusedAndNothingChanged(request);
    }

    private void assertRefusedAndNothingChanged(HostileRequest request) {
        String before = stock();

        HostileResponses.assertRefused(request, RawHttp.send(port, request));

        assertThat(stock()).isEqualTo(before);
    }

    /** Every product's units and version, in one line: a restock of any product changes it. */
    private String stock() {
        return jdbc.sql("select count(*) || '/' || sum(available) || '/' || sum(version) from product")
                .query(String.class).single();
    }
}
