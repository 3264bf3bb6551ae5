package dev.eventmart.notification.notifying;

import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.hostile.HostileInput;
import dev.eventmart.test.hostile.HostileInput.Parameter;
import dev.eventmart.test.hostile.HostileRequest;
import dev.eventmart.test.hostile.HostileResponses;
import dev.eventmart.test.hostile.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail's API against a table of hostile requests ({@link HostileInput}): each is answered with a
 * {@code 4xx} problem detail that leaks nothing of an exception. Both endpoints only read, so nothing can be
 * stored; a filter that did not convert must be refused rather than dropped (which would list every notification).
 */
@ServiceIntegrationTest
class NotificationHostileInputIntegrationTests {

    @LocalServerPort
    private int port;

    static List<HostileRequest> list() {
        String path = "/api/notifications";
        List<HostileRequest> cases = new ArrayList<>();
        cases.addAll(HostileInput.queryParameter(path, "", "orderId", Parameter.UUID));
        cases.addAll(HostileInput.queryParameter(path, "", "customerId", Parameter.TEXT));
        cases.addAll(HostileInput.queryParameter(path, "customerId=ada", "type", Parameter.NAME));
        cases.addAll(HostileInput.queryParameter(path, "", "page", Parameter.PAGE));
        cases.addAll(HostileInput.queryParameter(path, "", "size", Parameter.SIZE));
        cases.addAll(HostileInput.requestLine("GET", path + "?customerId=ada"));
        return cases;
    }

    static List<HostileRequest> one() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.pathSegment("GET", "/api/notifications/{}",
                Parameter.UUID, null));
        cases.addAll(HostileInput.requestLine("GET", "/api/notifications/" + UUID.randomUUID()));
        return cases;
    }

    @ParameterizedTest
    @MethodSource
    void list(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }

    @ParameterizedTest
    @MethodSource
    void one(HostileRequest request) {
        HostileResponses.assertRefused(request, RawHttp.send(port, request));
    }
}
