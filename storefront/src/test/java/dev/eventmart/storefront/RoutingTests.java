package dev.eventmart.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.storefront.StubServices.Received;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code /api/**} reaches the service that owns it, with the user's token and without the browser's session. */
class RoutingTests extends StorefrontTestSupport {

    @Test
    void routesAnOrderWithTheUsersAccessTokenAndNoCookies() throws Exception {
        mvc.perform(get("/api/orders/42").with(loggedIn("alice", "customer")).cookie(new Cookie("SESSION", "s")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.path").value("/api/orders/42"));

        Received received = StubServices.last("/api/orders/42");
        assertThat(received.header("Authorization")).isEqualTo("Bearer alice-token");
        assertThat(received.header("Cookie")).isNull();
    }

    @Test
    void routesTheCatalogWithoutATokenForAVisitor() throws Exception {
        mvc.perform(get("/api/products/P-1001")).andExpect(status().isOk());

        assertThat(StubServices.last("/api/products/P-1001").header("Authorization")).isNull();
    }

    @Test
    void routesEachApiToItsService() throws Exception {
        for (String path : new String[] { "/api/payments?orderId=1", "/api/notifications?orderId=1",
                "/api/operations/stuck-orders", "/api/analytics/overview" }) {
            mvc.perform(get(path).with(loggedIn("olivia", "ops"))).andExpect(status().isOk());

            assertThat(StubServices.last(path).header("Authorization")).as(path).isEqualTo("Bearer olivia-token");
        }
    }

    /** The services refuse a body without a length (413), and the gateway would send it chunked. */
    @Test
    void forwardsAWriteWithItsLength() throws Exception {
        String body = "{\"reason\":\"replayed by a test\"}";
        mvc.perform(post("/api/operations/dead-letters/t.dlt/records/0/1/replay").with(loggedIn("olivia", "ops"))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted());

        Received received = StubServices.last("/api/operations/dead-letters/t.dlt/records/0/1/replay");
        assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(body.length()));
        assertThat(received.header("Transfer-Encoding")).isNull();
        assertThat(received.body()).isEqualTo(body);
    }

    @Test
    void routesNothingElse() throws Exception {
        mvc.perform(get("/api/activity/batch").with(loggedIn("alice", "customer"))).andExpect(status().isNotFound());
    }
}
