package dev.eventmart.order.ordering;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * Input the order API refuses with a {@code 400} problem naming the field, before anything is stored: text
 * PostgreSQL cannot hold or a terminal would interpret, pages beyond any offset a query takes, and JSON that would
 * have to be bent to fit (a fraction or a string for a quantity, a key given twice); a body over the size limit
 * ({@code 413}); an order that is unknown or another customer's ({@code 404}, the same answer). The caller is customer
 * {@code ada}, through the real security rules ({@link OrderApiAccess}); tokens themselves are verified in
 * {@code OrderSecurityIntegrationTests}.
 */
@WebMvcTest(OrderController.class)
@Import(OrderApiAccess.class)
@WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_orders" })
class OrderControllerTests {

    private static final String ORDER = """
            {"customerId": %s, "customerEmail": "ada@example.com", "currency": "EUR", "paymentToken": %s,
             "shippingAddress": {"street": %s, "city": "Springfield", "state": "IL", "zipCode": "62701",
                                 "country": "US"},
             "items": [{"productId": %s, "quantity": %s}]}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private OrderPlacement placement;

    @MockitoBean
    private CustomerCancellation cancellation;

    @MockitoBean
    private Orders orders;

    @Test
    void acceptsAWellFormedOrder() throws Exception {
        given(placement.place(any(), any())).willReturn(orderOf("ada"));

        place(order("\"ada\"", "\"tok_visa\"", "\"1 Main St\"", "\"P-1\"", "1"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutATokenBeforeReadingTheBody() throws Exception {
        place("{not even json")
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(placement, orders);
    }

    @Test
    @WithMockUser(username = "ada", authorities = "ROLE_customer")
    void refusesATokenWithoutTheOrdersScope() throws Exception {
        mvc.perform(get("/api/orders"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(orders);
    }

    /** Values as written in the JSON body: escapes of a NUL, ANSI escape sequences, a lone surrogate. */
    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
            "customerId             | \\u0000",
            "customerId             | \\u001b[31mada",
            "paymentToken           | tok\\u0000",
            "shippingAddress.street | 1 Main\\u0000 St",
            "shippingAddress.street | \\ud800",
            "items[0].productId     | P-1\\u0000",
            "items[0].productId     | \\u009b2J"})
    void refusesControlCharactersAndUnpairedSurrogatesNamingTheField(String field, String value) throws Exception {
        String quoted = "\"" + value + "\"";
        String body = switch (field) {
            case "customerId" -> order(quoted, "\"tok_visa\"", "\"1 Main St\"", "\"P-1\"", "1");
            case "paymentToken" -> order("\"ada\"", quoted, "\"1 Main St\"", "\"P-1\"", "1");
            case "shippingAddress.street" -> order("\"ada\"", "\"tok_visa\"", quoted, "\"P-1\"", "1");
            default -> order("\"ada\"", "\"tok_visa\"", "\"1 Main St\"", quoted, "1");
        };

        expectInvalid(place(body), field);
        verifyNoInteractions(placement);
    }

    /** Spring Security's firewall refuses a control character in any header before the controller sees it. */
    @Test
    void refusesAControlCharacterInTheIdempotencyKey() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "key\u001b").content(order("\"ada\"", "\"tok_visa\"", "\"1 Main St\"",
                        "\"P-1\"", "1")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(placement);
    }

    @Test
    void refusesANulInTheCustomerIdOfAQuery() throws Exception {
        expectInvalid(mvc.perform(get("/api/orders").param("customerId", "ada\u0000")), "customerId");
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAPageBeyondAnyOffsetAQueryTakes() throws Exception {
        expectInvalid(mvc.perform(get("/api/orders").param("page", "30000000").param("size", "100")), "page")
                .andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 100000"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAFractionOrAStringForAQuantity() throws Exception {
        for (String quantity : List.of("1.5", "\"1\"", "\"\"", "1e0")) {
            expectInvalid(place(order("\"ada\"", "\"tok_visa\"", "\"1 Main St\"", "\"P-1\"", quantity)),
                    "items[0].quantity")
                    .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
        }
        verifyNoInteractions(placement);
    }

    @Test
    void refusesABodyWithAKeyGivenTwice() throws Exception {
        String twice = order("\"ada\"", "\"tok_visa\"", "\"1 Main St\"", "\"P-1\"", "1")
                .replace("\"currency\": \"EUR\"", "\"currency\": \"EUR\", \"currency\": \"USD\"");

        place(twice)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Failed to read request"))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(placement);
    }

    @Test
    void answersAnUnknownOrderWithA404Problem() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(orders.findById(unknown)).willReturn(Optional.empty());

        mvc.perform(get("/api/orders/{id}", unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Order not found"));
    }

    /** The same answer as for an id nobody has: it tells nothing about another customer's orders. */
    @Test
    void answersAnotherCustomersOrderAsNotFound() throws Exception {
        Order bobs = orderOf("bob");
        given(orders.findById(bobs.id())).willReturn(Optional.of(bobs));

        mvc.perform(get("/api/orders/{id}", bobs.id()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Order not found"));
    }

    @Test
    void refusesAMalformedOrderId() throws Exception {
        mvc.perform(get("/api/orders/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(orders);
    }

    /** 256 KB is every service's limit (eventmart.web.max-request-size); refused before the body is read. */
    @Test
    void refusesABodyLargerThanTheRequestSizeLimit() throws Exception {
        place("{\"customerId\":\"" + "x".repeat(300 * 1024) + "\"}")
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Request body too large"));
        verifyNoInteractions(placement);
    }

    private ResultActions place(String body) throws Exception {
        return mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(field)))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    private static Order orderOf(String customerId) {
        return Order.place(customerId, customerId + "@example.com", "EUR", "tok_visa",
                new ShippingAddressValue("1 Main St", "Springfield", "IL", "62701", "US"),
                List.of(new OrderItem("P-1", "SKU-1", "Keyboard", 1, BigDecimal.TEN, BigDecimal.TEN)), null,
                Instant.now());
    }

    private static String order(String customerId, String paymentToken, String street, String productId,
            String quantity) {
        return ORDER.formatted(customerId, paymentToken, street, productId, quantity);
    }
}
