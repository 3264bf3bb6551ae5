package dev.eventmart.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.storefront.StubServices.Received;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The page's activity reaches analytics as the session's user, sent with the activity collector's own token. */
class ActivityTests extends StorefrontTestSupport {

    @Test
    void stampsTheSessionsUserOverWhatThePageSays() throws Exception {
        mvc.perform(post("/bff/activity").with(loggedIn("alice", "customer")).with(csrf())
                        .header("User-Agent", "Mozilla/5.0 (test)")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"events":[{"eventType":"addtocart","data":{"userId":"bob","productId":"P-1001","quantity":1}}]}"""))
                .andExpect(status().isAccepted());

        Received batch = StubServices.last("/api/activity/batch");
        assertThat(batch.header("Authorization")).isEqualTo("Bearer collector-token");
        assertThat(batch.header("User-Agent")).isEqualTo("Mozilla/5.0 (test)");
        assertThat(batch.header("Content-Length")).as("analytics-service wants a length").isNotNull();
        assertThat(batch.body()).contains("\"eventType\":\"addtocart\"", "\"userId\":\"alice\"", "\"sessionId\":")
                .doesNotContain("bob");
    }

    @Test
    void tracksAVisitorUnderAnAnonymousId() throws Exception {
        mvc.perform(post("/bff/activity").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"events":[{"eventType":"pageview","data":{"pageUrl":"/"}}]}"""))
                .andExpect(status().isAccepted());

        assertThat(StubServices.last("/api/activity/batch").body()).contains("\"userId\":\"visitor-");
    }

    @Test
    void refusesAnEventTypeThePageMayNotReport() throws Exception {
        mvc.perform(post("/bff/activity").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"events":[{"eventType":"auth","data":{"action":"LOGIN"}}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesActivityWithoutTheCsrfToken() throws Exception {
        mvc.perform(post("/bff/activity").contentType(MediaType.APPLICATION_JSON).content("""
                        {"events":[{"eventType":"pageview","data":{"pageUrl":"/"}}]}"""))
                .andExpect(status().isForbidden());
    }
}
