package dev.eventmart.analytics.tracking;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.support.security.ApiAccess;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The ingestion API's own rules, before anything is published: who may write activity (through the real
 * {@code AnalyticsApiAccess}), the {@code 400} naming each invalid field, and the {@code 413} of a batch with too many
 * items or a body over the size limit. The caller is the public activity-collector client (the
 * {@code activity.write} scope and no role) unless a test says otherwise. That nothing of a refused request reaches
 * the topic is shown against the real broker in {@code ActivityAnalyticsIntegrationTests} and
 * {@code ActivityHostileInputIntegrationTests}.
 */
// AnalyticsApiAccess is package-private in the service's root package: found by the slice's scan as what it is.
@WebMvcTest(controllers = ActivityController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ApiAccess.class))
@Import(ActivityControllerTests.Properties.class)
@WithMockUser(username = "activity-collector", authorities = "SCOPE_activity.write")
class ActivityControllerTests {

    private static final String PAGE_VIEW = """
            {"userId": "ada", "sessionId": "s1", "pageUrl": "/"}""";
    private static final String BATCH_ITEM = """
            {"eventType": "pageview", "data": {"userId": "u", "sessionId": "s", "pageUrl": "/"}}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ActivityTracking tracking;

    @MockitoBean
    private IngestionCapacity capacity;

    /** Capacity to spare: what it refuses is shown in {@code IngestionCapacityTests}. */
    @BeforeEach
    void capacityToSpare() {
        given(capacity.admit(anyInt(), any())).willAnswer(
                invocation -> invocation.<Supplier<CompletableFuture<?>>>getArgument(1).get());
    }

    @Test
    void acceptsAPageViewOnceKafkaHasAcknowledgedIt() throws Exception {
        UUID eventId = UUID.randomUUID();
        given(tracking.track(any(), any())).willReturn(CompletableFuture.completedFuture(eventId));

        MvcResult started = track("pageview", PAGE_VIEW).andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.eventId").value(eventId.toString()));
    }

    @Test
    void refusesAProductViewWithoutAProductOrWithANegativePriceNamingBoth() throws Exception {
        track("productview", """
                {"userId": "eve", "sessionId": "s1", "price": -1}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("productId", "price")))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(tracking);
    }

    @Test
    void refusesAPurchaseWithALowerCaseCurrencyAndAnItemOfNoUnitsNamingBoth() throws Exception {
        track("purchase", """
                {"userId": "eve", "sessionId": "s1", "orderId": "O-1", "totalAmount": 5, "currency": "eur",
                 "items": [{"productId": "P-1", "quantity": 0, "unitPrice": 5}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("currency", "items[0].quantity")));
        verifyNoInteractions(tracking);
    }

    @Test
    void refusesAnEmptyBatch() throws Exception {
        track("batch", "[]")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tracking);
    }

    /** 1000 is the default of {@code eventmart.analytics.tracking.max-batch-size}. */
    @Test
    void refusesABatchOfMoreItemsThanTheLimitAndPublishesNoneOfThem() throws Exception {
        track("batch", "[" + String.join(",", Collections.nCopies(1001, BATCH_ITEM)) + "]")
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Batch too large"))
                .andExpect(jsonPath("$.detail").value("A batch holds at most 1000 items, this one has 1001"));
        verifyNoInteractions(tracking, capacity);
    }

    /**
     * 2 MB is this service's limit (eventmart.web.max-request-size in its application.yml: room for a full batch,
     * where the other services take 256 KB); refused before the body is read.
     */
    @Test
    void refusesABodyLargerThanTheRequestSizeLimit() throws Exception {
        String padded = """
                {"userId": "ada", "sessionId": "s1", "pageUrl": "/", "pageTitle": "%s"}"""
                .formatted("x".repeat(2 * 1024 * 1024));

        track("pageview", padded)
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tracking, capacity);
    }

    @Test
    @WithAnonymousUser
    void refusesAWriterWithoutATokenBeforeReadingTheBody() throws Exception {
        track("pageview", "{not even json")
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tracking);
    }

    /** Staff read figures; writing activity is a scope of its own, which a role does not stand in for. */
    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_analytics.read" })
    void refusesAClientWithoutTheActivityWriteScope() throws Exception {
        track("pageview", PAGE_VIEW)
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tracking);
    }

    private ResultActions track(String type, String body) throws Exception {
        return mvc.perform(post("/api/activity/{type}", type).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** The batch limit as the service binds it; a slice leaves out the application's properties scan. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TrackingProperties.class)
    static class Properties {
    }
}
