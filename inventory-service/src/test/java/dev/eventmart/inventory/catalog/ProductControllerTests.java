package dev.eventmart.inventory.catalog;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The catalog API's own rules, before anything reaches the database: who may browse and who may restock (through the
 * real {@link ProductApiAccess}), what a restock may ask for, how big a request may be, and the {@code 404} of an
 * unknown product. The caller is staff with the {@code inventory.write} scope unless a test says otherwise; tokens
 * themselves are verified in the integration suites.
 */
@WebMvcTest(ProductController.class)
@Import(ProductApiAccess.class)
@WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_inventory.write" })
class ProductControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Products products;

    @MockitoBean
    private Restocking restocking;

    @Test
    @WithAnonymousUser
    void letsAnyoneBrowseTheCatalogWithoutAToken() throws Exception {
        given(products.findAllByOrderByProductId()).willReturn(List.of());

        mvc.perform(get("/api/products")).andExpect(status().isOk()).andExpect(content().json("[]"));
    }

    /** Anonymous, too: the 404 shows the product was looked up, so browsing one product needs no token either. */
    @Test
    @WithAnonymousUser
    void answersAnUnknownProductWithA404Problem() throws Exception {
        given(products.findById("P-0000")).willReturn(Optional.empty());

        mvc.perform(get("/api/products/P-0000"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Product not found"))
                .andExpect(jsonPath("$.detail").value("No product with id P-0000"))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    @WithAnonymousUser
    void refusesAProductIdLongerThanTheColumnNamingIt() throws Exception {
        expectInvalid(mvc.perform(get("/api/products/{id}", "P-" + "1".repeat(ProductController.MAX_PRODUCT_ID))),
                "productId");
        verifyNoInteractions(products);
    }

    @Test
    void restocksAsStaff() throws Exception {
        given(restocking.restock("P-1", 5)).willReturn(new ProductView("P-1", "SKU-1", "Keyboard", "tests",
                new BigDecimal("10.00"), "EUR", 10, 0, 0));

        restock("P-1", "{\"quantity\": 5}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.productId").value("P-1"))
                .andExpect(jsonPath("$.available").value(10));
    }

    @Test
    @WithAnonymousUser
    void refusesARestockWithoutATokenBeforeReadingTheBody() throws Exception {
        restock("P-1", "{not even json")
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(restocking);
    }

    /** A customer's client may even hold the scope: restocking is a role's, not only a scope's. */
    @Test
    @WithMockUser(username = "alice", authorities = { "ROLE_customer", "SCOPE_inventory.write" })
    void refusesARestockByACustomer() throws Exception {
        restock("P-1", "{\"quantity\": 5}")
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(restocking);
    }

    @Test
    @WithMockUser(username = "olivia", authorities = "ROLE_ops")
    void refusesARestockByStaffWithoutTheInventoryWriteScope() throws Exception {
        restock("P-1", "{\"quantity\": 5}")
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(restocking);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"quantity\": 0}", "{\"quantity\": -3}", "{\"quantity\": 100001}", "{}",
            "{\"quantity\": null}" })
    void refusesAQuantityOutsideOneToAHundredThousandNamingIt(String body) throws Exception {
        expectInvalid(restock("P-1", body), "quantity");
        verifyNoInteractions(restocking);
    }

    @Test
    void refusesAFractionForAQuantity() throws Exception {
        expectInvalid(restock("P-1", "{\"quantity\": 1.5}"), "quantity")
                .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
        verifyNoInteractions(restocking);
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        restock("P-1", "{not json")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(restocking);
    }

    @Test
    void refusesARestockOfAProductIdLongerThanTheColumnNamingIt() throws Exception {
        expectInvalid(restock("P-" + "1".repeat(ProductController.MAX_PRODUCT_ID), "{\"quantity\": 5}"),
                "productId");
        verifyNoInteractions(restocking);
    }

    @Test
    void mapsARestockOfAnUnknownProductToA404Problem() throws Exception {
        given(restocking.restock(eq("P-0000"), anyInt())).willThrow(new ProductNotFound("P-0000"));

        restock("P-0000", "{\"quantity\": 3}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Product not found"));
    }

    /** 256 KB is the limit of every service (eventmart.web.max-request-size); a restock is a few bytes. */
    @Test
    void refusesABodyLargerThanTheRequestSizeLimit() throws Exception {
        String padded = "{\"quantity\": 5, \"note\": \"" + "x".repeat(256 * 1024) + "\"}";

        restock("P-1", padded)
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413));
        verifyNoInteractions(restocking);
    }

    private ResultActions restock(String productId, String body) throws Exception {
        return mvc.perform(post("/api/products/{id}/restock", productId).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(field)))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
