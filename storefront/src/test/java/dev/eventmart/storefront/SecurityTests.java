package dev.eventmart.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Who may open what, how a missing login is answered, and CSRF on the session. */
class SecurityTests extends StorefrontTestSupport {

    private static final String ORDER = """
            {"customerEmail":"alice@example.com","currency":"EUR","paymentToken":"tok_visa","items":[]}""";

    @Test
    void sendsAPageThatNeedsALoginToTheLogin() throws Exception {
        mvc.perform(get("/orders.html").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "/oauth2/authorization/eventmart"));
    }

    @Test
    void answersAnApiCallWithoutASessionWith401() throws Exception {
        mvc.perform(get("/api/orders").header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/orders").accept(MediaType.TEXT_HTML)).andExpect(status().isUnauthorized());
    }

    @Test
    void logsInWithTheAuthorizationCodeAndPkce() throws Exception {
        MvcResult result = mvc.perform(get("/oauth2/authorization/eventmart")).andExpect(status().isFound())
                .andReturn();

        String location = result.getResponse().getHeader("Location");
        assertThat(location).startsWith(StubServices.url() + "/oauth2/authorize?")
                .contains("response_type=code", "client_id=storefront", "code_challenge=",
                        "code_challenge_method=S256", "scope=openid%20orders%20payments%20notifications%20analytics.read");
    }

    @Test
    void letsAnyoneBrowseTheCatalog() throws Exception {
        mvc.perform(get("/index.html")).andExpect(status().isOk());
        mvc.perform(get("/api/products")).andExpect(status().isOk());
    }

    @Test
    void keepsCustomersOutOfTheOperationsPage() throws Exception {
        mvc.perform(get("/operations.html").with(loggedIn("alice", "customer"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/analytics/overview").with(loggedIn("alice", "customer")))
                .andExpect(status().isForbidden());
    }

    @Test
    void letsStaffOpenTheOperationsPage() throws Exception {
        mvc.perform(get("/operations.html").with(loggedIn("olivia", "ops"))).andExpect(status().isOk());
    }

    @Test
    void refusesAWriteWithoutTheCsrfToken() throws Exception {
        mvc.perform(post("/api/orders").with(loggedIn("alice", "customer"))
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isForbidden());
    }

    @Test
    void takesAWriteWithTheCsrfTokenOfTheCookie() throws Exception {
        MvcResult session = mvc.perform(get("/bff/session")).andExpect(status().isOk())
                .andExpect(cookie().exists("XSRF-TOKEN"))
                .andExpect(cookie().httpOnly("XSRF-TOKEN", false))
                .andExpect(jsonPath("$.authenticated").value(false))
                .andReturn();
        Cookie token = session.getResponse().getCookie("XSRF-TOKEN");

        mvc.perform(post("/api/orders").with(loggedIn("alice", "customer")).cookie(token)
                        .header("X-XSRF-TOKEN", token.getValue())
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isAccepted());
    }

    @Test
    void tellsThePageWhoIsLoggedIn() throws Exception {
        mvc.perform(get("/bff/session").with(loggedIn("olivia", "ops")))
                .andExpect(jsonPath("$.authenticated").value(true))
                .andExpect(jsonPath("$.userId").value("olivia"))
                .andExpect(jsonPath("$.roles[0]").value("ops"));
    }
}
