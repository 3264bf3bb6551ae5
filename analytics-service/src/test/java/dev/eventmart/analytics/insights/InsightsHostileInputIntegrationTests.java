package dev.eventmart.analytics.insights;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.hostile.HostileInput;
import dev.eventmart.test.hostile.HostileInput.Parameter;
import dev.eventmart.test.hostile.HostileRequest;
import dev.eventmart.test.hostile.HostileResponses;
import dev.eventmart.test.hostile.RawHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every analytics query against a table of hostile requests ({@link HostileInput}): each is answered with a
 * {@code 4xx} problem detail that leaks nothing of an exception, before any state store is asked. Same context as
 * the other integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class InsightsHostileInputIntegrationTests {

    @LocalServerPort
    private int port;

    static List<HostileRequest> user() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/analytics/users/{}",
                Parameter.TEXT, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/analytics/users/ada"));
        return cases;
    }

    static List<HostileRequest> product() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/analytics/products/{}",
                Parameter.TEXT, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/analytics/products/P-1001"));
        return cases;
    }

    static List<HostileRequest> topProducts() {
        List<HostileRequest> cases = new ArrayList<>();
        cases.addAll(HostileInput.queryParameter("/api/analytics/products/top", "", "by", Parameter.NAME));
        cases.addAll(HostileInput.queryParameter("/api/analytics/products/top", "by=views", "limit",
                Parameter.SIZE));
        cases.addAll(HostileInput.requestLine("GET", "/api/analytics/products/top?by=views"));
        return cases;
    }

    static List<HostileRequest> timeseries() {
        String path = "/api/analytics/timeseries";
        List<HostileRequest> cases = new ArrayList<>();
        cases.add(new HostileRequest("metric: missing", "GET", path, List.of(), null));
        cases.addAll(HostileInput.queryParameter(path, "", "metric", Parameter.NAME));
        cases.addAll(HostileInput.queryParameter(path, "metric=pageviews", "from", Parameter.INSTANT));
        cases.addAll(HostileInput.queryParameter(path, "metric=pageviews", "to", Parameter.INSTANT));
        cases.addAll(HostileInput.requestLine("GET", path + "?metric=pageviews"));
        return cases;
    }

    static List<HostileRequest> overviewAndFunnel() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.requestLine("GET", "/api/analytics/overview"));
        cases.addAll(HostileInput.requestLine("GET", "/api/analytics/funnel"));
        return cases;
    }

    @ParameterizedTest
    @MethodSource
    void user(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }

    @ParameterizedTest
    @MethodSource
    void product(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }

    @ParameterizedTest
    @MethodSource
    void topProducts(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }

    @ParameterizedTest
    @MethodSource
    void timeseries(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }

    @ParameterizedTest
    @MethodSource
    void overviewAndFunnel(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }
}
