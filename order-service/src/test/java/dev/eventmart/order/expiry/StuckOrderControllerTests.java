package dev.eventmart.order.expiry;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.order.expiry.StuckOrders.LastStep;
import dev.eventmart.order.expiry.StuckOrders.StuckOrder;
import dev.eventmart.order.ordering.Order;
import dev.eventmart.order.ordering.OrderAlreadyFinished;
import dev.eventmart.order.ordering.OrderNotFound;
import dev.eventmart.order.ordering.OrderReason;
import dev.eventmart.order.ordering.OrderStatus;
import dev.eventmart.order.ordering.OrderView;
import dev.eventmart.support.security.Caller;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The stuck-orders API: staff only, through the real rule ({@link OperationsApiAccess}); its parameters validated
 * before anything is read; an unknown or finished order answered as a problem. The caller is staff {@code olga} with
 * the {@code orders} scope; the query and the expiry themselves are in {@code StuckOrdersIntegrationTests}.
 */
@WebMvcTest(StuckOrderController.class)
@Import(OperationsApiAccess.class)
@WithMockUser(username = "olga", authorities = { "ROLE_ops", "SCOPE_orders" })
class StuckOrderControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private StuckOrders stuckOrders;

    @MockitoBean
    private ForcedExpiry forcedExpiry;

    @Test
    void listsStuckOrdersOlderThanFiveMinutesFiftyAtMostByDefault() throws Exception {
        UUID orderId = UUID.randomUUID();
        Instant placedAt = Instant.parse("2026-12-07T10:00:00Z");
        given(stuckOrders.olderThan(Duration.ofMinutes(5), 50)).willReturn(List.of(new StuckOrder(orderId, "ada",
                OrderStatus.RESERVED, new LastStep(OrderStatus.RESERVED, placedAt.plusMillis(40)), placedAt, 900)));

        mvc.perform(get("/api/operations/stuck-orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.olderThan").value("PT5M"))
                .andExpect(jsonPath("$.orders[0].orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.orders[0].customerId").value("ada"))
                .andExpect(jsonPath("$.orders[0].status").value("RESERVED"))
                .andExpect(jsonPath("$.orders[0].lastStep.status").value("RESERVED"))
                .andExpect(jsonPath("$.orders[0].lastStep.at").value("2026-12-07T10:00:00.040Z"))
                .andExpect(jsonPath("$.orders[0].ageSeconds").value(900));
    }

    @Test
    void listsWithTheThresholdAndLimitAsked() throws Exception {
        given(stuckOrders.olderThan(Duration.ofHours(1), 500)).willReturn(List.of());

        mvc.perform(get("/api/operations/stuck-orders").param("olderThan", "PT1H").param("limit", "500"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders").isEmpty());
        then(stuckOrders).should().olderThan(Duration.ofHours(1), 500);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT0S", "-PT5M" })
    void refusesAThresholdThatIsNotPositive(String olderThan) throws Exception {
        expectInvalid(mvc.perform(get("/api/operations/stuck-orders").param("olderThan", olderThan)), "olderThan");
        verifyNoInteractions(stuckOrders);
    }

    @ParameterizedTest
    @ValueSource(strings = { "5 minutes", "300", "PT5M\u0000" })
    void refusesAThresholdThatIsNotAnIsoDurationNamingIt(String olderThan) throws Exception {
        mvc.perform(get("/api/operations/stuck-orders").param("olderThan", olderThan))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("olderThan")))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(stuckOrders);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "501", "-1" })
    void refusesALimitOutsideOneTo500(String limit) throws Exception {
        expectInvalid(mvc.perform(get("/api/operations/stuck-orders").param("limit", limit)), "limit");
        verifyNoInteractions(stuckOrders);
    }

    @Test
    void forceExpiresAnOrderAsTheCallingStaff() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(forcedExpiry.expire(orderId, new Caller("olga", true))).willReturn(expired(orderId));

        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(orderId.toString()))
                .andExpect(jsonPath("$.status").value("EXPIRED"))
                .andExpect(jsonPath("$.reason").value("TIMEOUT"));
    }

    @Test
    void answersAnUnknownOrderWithA404Problem() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(forcedExpiry.expire(any(), any())).willThrow(new OrderNotFound(unknown));

        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Order not found"));
    }

    @Test
    void answersAFinishedOrderWithA409ProblemNamingItsStatus() throws Exception {
        Order confirmed = mock(Order.class);
        given(confirmed.id()).willReturn(UUID.randomUUID());
        given(confirmed.status()).willReturn(OrderStatus.CONFIRMED);
        OrderAlreadyFinished finished = new OrderAlreadyFinished(confirmed);
        given(forcedExpiry.expire(any(), any())).willThrow(finished);

        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", confirmed.id()))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Order already finished"))
                .andExpect(jsonPath("$.orderStatus").value("CONFIRMED"));
    }

    @Test
    void refusesAMalformedOrderId() throws Exception {
        mvc.perform(post("/api/operations/stuck-orders/not-a-uuid/expire"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(forcedExpiry);
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        mvc.perform(get("/api/operations/stuck-orders")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", UUID.randomUUID()))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(stuckOrders, forcedExpiry);
    }

    @Test
    @WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_orders" })
    void refusesACustomer() throws Exception {
        mvc.perform(get("/api/operations/stuck-orders"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", UUID.randomUUID()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(stuckOrders, forcedExpiry);
    }

    @Test
    @WithMockUser(username = "olga", authorities = "ROLE_ops")
    void refusesStaffWithoutTheOrdersScope() throws Exception {
        mvc.perform(post("/api/operations/stuck-orders/{id}/expire", UUID.randomUUID()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(forcedExpiry);
    }

    private static ResultActions expectInvalid(ResultActions result, String parameter) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(parameter)))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    private static OrderView expired(UUID orderId) {
        Instant placedAt = Instant.parse("2026-12-07T10:00:00Z");
        Instant expiredAt = placedAt.plusSeconds(600);
        return new OrderView(orderId, "ada", OrderStatus.EXPIRED, OrderReason.TIMEOUT, List.of(), BigDecimal.TEN,
                "EUR", placedAt, expiredAt, List.of(new OrderView.Step(OrderStatus.PENDING, null, placedAt),
                        new OrderView.Step(OrderStatus.EXPIRED, OrderReason.TIMEOUT, expiredAt)));
    }
}
