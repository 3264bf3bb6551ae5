package dev.eventmart.analytics.insights;

import static org.hamcrest.Matchers.contains;
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

import dev.eventmart.support.security.ApiAccess;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What one instance asks another for: only the service itself may ask (the {@code service} role with
 * {@code analytics.read}, through the real {@code AnalyticsApiAccess}), a partition is never negative, and a key
 * nothing is stored under answers {@code 204}. That instances really answer each other with real service tokens is
 * shown in {@code AnalyticsInstancesIntegrationTests}.
 */
// AnalyticsApiAccess is package-private in the service's root package: found by the slice's scan as what it is.
@WebMvcTest(controllers = PartitionsController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ApiAccess.class))
@WithMockUser(username = "analytics-service", authorities = { "ROLE_service", "SCOPE_analytics.read" })
class PartitionsControllerTests {

    private static final String TOP = "/internal/analytics/products/top";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private LocalStores stores;

    @Test
    void answersWhatTheNamedPartitionsHold() throws Exception {
        given(stores.topProducts(Set.of(0, 3), ProductRanking.REVENUE, 5)).willReturn(new TopProducts(List.of(), 7));

        mvc.perform(get(TOP).param("by", "REVENUE").param("limit", "5").param("partitions", "0", "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalProducts").value(7));
    }

    @Test
    void answersNoContentForAUserNothingIsStoredForInThatPartition() throws Exception {
        given(stores.user(2, "ada")).willReturn(Optional.empty());

        mvc.perform(get("/internal/analytics/partitions/2/users/ada"))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));
    }

    @Test
    void refusesANegativePartitionNamingIt() throws Exception {
        expectInvalid(mvc.perform(get("/internal/analytics/partitions/-1/overview")), "partition");
        verifyNoInteractions(stores);
    }

    @Test
    void refusesANegativePartitionAmongTheNamedOnes() throws Exception {
        mvc.perform(get(TOP).param("by", "VIEWS").param("limit", "5").param("partitions", "0", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(stores);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 101 })
    void refusesALimitOutsideOneToAHundredNamingIt(int limit) throws Exception {
        expectInvalid(mvc.perform(get(TOP).param("by", "VIEWS").param("limit", String.valueOf(limit))
                .param("partitions", "0")), "limit");
        verifyNoInteractions(stores);
    }

    @Test
    void refusesAnUnknownMetric() throws Exception {
        mvc.perform(get("/internal/analytics/partitions/0/timeseries").param("metric", "HEARTBEATS")
                        .param("from", "2026-01-01T00:00:00Z").param("to", "2026-01-01T01:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("metric")));
        verifyNoInteractions(stores);
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        mvc.perform(get("/internal/analytics/partitions/0/overview"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(stores);
    }

    /** Staff read the public figures; the partitions behind them are the instances' own business. */
    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_analytics.read" })
    void refusesStaff() throws Exception {
        mvc.perform(get("/internal/analytics/partitions/0/overview"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(stores);
    }

    @Test
    @WithMockUser(username = "analytics-service", authorities = "ROLE_service")
    void refusesTheServiceWithoutTheAnalyticsReadScope() throws Exception {
        mvc.perform(get("/internal/analytics/partitions/0/overview"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(stores);
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(field)))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
