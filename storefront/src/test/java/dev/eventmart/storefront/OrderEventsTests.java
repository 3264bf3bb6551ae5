package dev.eventmart.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** The live order view's stream: order-service's events relayed as they are, with the user's token. */
class OrderEventsTests extends StorefrontTestSupport {

    private static final String ORDER = "00000000-0000-0000-0000-000000000001";

    @Test
    void relaysTheOrdersEventsWithTheUsersToken() throws Exception {
        MvcResult stream = mvc.perform(get("/api/orders/" + ORDER + "/events").with(loggedIn("alice", "customer"))
                        .header("Last-Event-ID", "1"))
                .andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(stream))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM))
                .andExpect(content().string("id:1\nevent:status\ndata:{\"status\":\"PENDING\"}\n\n"
                        + "id:2\nevent:status\ndata:{\"status\":\"CONFIRMED\"}\n\n"));
        assertThat(StubServices.last("/api/orders/" + ORDER + "/events").header("Authorization"))
                .isEqualTo("Bearer alice-token");
        assertThat(StubServices.last("/api/orders/" + ORDER + "/events").header("Last-Event-ID")).isEqualTo("1");
    }

    @Test
    void passesOnTheServicesNotFound() throws Exception {
        mvc.perform(get("/api/orders/00000000-0000-0000-0000-000000000404/events")
                        .with(loggedIn("alice", "customer")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesAnIdThatIsNoOrderId() throws Exception {
        mvc.perform(get("/api/orders/not-an-id/events").with(loggedIn("alice", "customer")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void wantsALogin() throws Exception {
        mvc.perform(get("/api/orders/" + ORDER + "/events")).andExpect(status().isUnauthorized());
    }
}
