package dev.eventmart.payment.charging;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.events.Money;
import dev.eventmart.payment.gateway.GatewayDecision;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The payments API's own rules: who may ask (through the real {@link PaymentApiAccess}), whose payments a customer
 * sees (another customer's order answers as one without a payment), and the {@code 400} of a missing or malformed
 * order id. The caller is customer {@code ada} unless a test says otherwise; tokens themselves are verified in
 * {@code PaymentSecurityIntegrationTests}.
 */
@WebMvcTest(PaymentController.class)
@Import(PaymentApiAccess.class)
@WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_payments" })
class PaymentControllerTests {

    private static final UUID ORDER = UUID.fromString("0b9a3c2e-5f4d-4e8a-9c1b-2d3e4f5a6b7c");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Payments payments;

    @Test
    void showsACustomerThePaymentOfTheirOwnOrder() throws Exception {
        Payment payment = paymentOf("ada");
        given(payments.findByOrderId(ORDER)).willReturn(Optional.of(payment));

        ofOrder(ORDER.toString())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].paymentId").value(payment.paymentId().toString()))
                .andExpect(jsonPath("$[0].orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$[0].amount").value(19.90))
                .andExpect(jsonPath("$[0].currency").value("EUR"))
                .andExpect(jsonPath("$[0].status").value("AUTHORIZED"));
    }

    /** The same answer as for an order that has not reached payment: it tells nothing about another's order. */
    @Test
    void answersAnotherCustomersOrderAsOneWithoutAPayment() throws Exception {
        given(payments.findByOrderId(ORDER)).willReturn(Optional.of(paymentOf("bob")));

        ofOrder(ORDER.toString()).andExpect(status().isOk()).andExpect(content().json("[]"));
    }

    @Test
    void answersAnOrderWithoutAPaymentWithAnEmptyList() throws Exception {
        given(payments.findByOrderId(ORDER)).willReturn(Optional.empty());

        ofOrder(ORDER.toString()).andExpect(status().isOk()).andExpect(content().json("[]"));
    }

    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_payments" })
    void showsStaffAnyCustomersPayment() throws Exception {
        given(payments.findByOrderId(ORDER)).willReturn(Optional.of(paymentOf("bob")));

        ofOrder(ORDER.toString()).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void refusesAMalformedOrderIdNamingIt() throws Exception {
        expectBadRequestNamingOrderId(ofOrder("not-a-uuid"));
        verifyNoInteractions(payments);
    }

    @Test
    void refusesAMissingOrderIdNamingIt() throws Exception {
        expectBadRequestNamingOrderId(mvc.perform(get("/api/payments")));
        verifyNoInteractions(payments);
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        ofOrder(ORDER.toString())
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(payments);
    }

    /** What the public activity-collector client holds: a scope of its own and no role. */
    @Test
    @WithMockUser(username = "activity-collector", authorities = "SCOPE_activity.write")
    void refusesAClientWithoutARoleOrThePaymentsScope() throws Exception {
        ofOrder(ORDER.toString())
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(payments);
    }

    @Test
    @WithMockUser(username = "ada", authorities = "ROLE_customer")
    void refusesACustomerWhoseClientLacksThePaymentsScope() throws Exception {
        ofOrder(ORDER.toString())
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(payments);
    }

    private ResultActions ofOrder(String orderId) throws Exception {
        return mvc.perform(get("/api/payments").param("orderId", orderId));
    }

    private static void expectBadRequestNamingOrderId(ResultActions result) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString("orderId")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    private static Payment paymentOf(String customerId) {
        return Payment.decided(ORDER, customerId, Money.of("19.90", "EUR"), GatewayDecision.approve(),
                Instant.parse("2026-12-07T10:00:00Z"));
    }
}
