package dev.eventmart.test.security;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

/** HTTP clients for security tests, to the service under test on its port: with no token, or with a given one. */
public final class Clients {

    private Clients() {
    }

    /** Sends no {@code Authorization} at all. */
    public static RestTestClient anonymous(int port) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** Sends this bearer token with every request. */
    public static RestTestClient withToken(int port, String token) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }
}
