package dev.eventmart.payment.charging;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The payment API against a table of hostile requests ({@link HostileInput}): each is answered with a {@code 4xx}
 * problem detail that leaks nothing of an exception, and no payment is stored. Same context as the other
 * integration tests, so no second service starts.
 */
@ServiceIntegrationTest
class PaymentHostileInputIntegrationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    static List<HostileRequest> payments() {
        List<HostileRequest> cases = new ArrayList<>(HostileInput.queryParameter("/api/payments", "", "orderId",
                Parameter.UUID));
        cases.add(new HostileRequest("orderId: missing", "GET", "/api/payments", List.of(), null));
        cases.add(new HostileRequest("orderId: empty", "GET", "/api/payments?orderId=", List.of(), null));
        cases.addAll(HostileInput.requestLine("GET", "/api/payments?orderId=" + UUID.randomUUID()));
        return cases;
    }

    @ParameterizedTest
    @MethodSource
    void payments(HostileRequest request) {
        long before = jdbc.sql("select count(*) from payment").query(Long.class).single();

        HostileResponses.assertRefused(request, RawHttp.send(port, request));

        assertThat(jdbc.sql("select count(*) from payment").query(Long.class).single()).isEqualTo(before);
    }
}
