package dev.eventmart.analytics.insights;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.support.security.ApiAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The figures API's own rules, before any store is read: who may read figures (staff through a client granted
 * {@code analytics.read}, through the real {@code AnalyticsApiAccess}), the {@code 404} of a user or product nothing
 * was tracked for, and the {@code 400} naming a parameter out of its domain. The exact figures themselves come from
 * the topology, in {@code ActivityAnalyticsIntegrationTests} and {@code AnalyticsTopologyTests}.
 */
// AnalyticsApiAccess is package-private in the service's root package: found by the slice's scan as what it is.
@WebMvcTest(controllers = AnalyticsController.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ApiAccess.class))
@Import(AnalyticsControllerTests.FixedClockAndProperties.class)
@WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_analytics.read" })
class AnalyticsControllerTests {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AnalyticsQueries queries;

    @Test
    void answersAUserNothingWasTrackedForWithA404Problem() throws Exception {
        given(queries.user("nobody")).willReturn(Optional.empty());

        mvc.perform(get("/api/analytics/users/nobody"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("User not found"))
                .andExpect(jsonPath("$.detail").value("No activity tracked for user nobody"));
    }

    @Test
    void answersAProductNothingWasTrackedForWithA404Problem() throws Exception {
        given(queries.product("nothing")).willReturn(Optional.empty());

        mvc.perform(get("/api/analytics/products/nothing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Product not found"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "users, userId", "products, productId" })
    void refusesAnIdLongerThanAHundredCharactersNamingIt(String path, String field) throws Exception {
        expectInvalid(mvc.perform(get("/api/analytics/{path}/{id}", path, "x".repeat(101))), field);
        verifyNoInteractions(queries);
    }

    @Test
    void refusesAnUnknownMetricNamingIt() throws Exception {
        expectInvalid(timeseries("metric=clicks"), "metric")
                .andExpect(jsonPath("$.errors[0].message").value(containsString("pageviews")));
        verifyNoInteractions(queries);
    }

    @Test
    void refusesARangeThatEndsBeforeItStartsNamingFrom() throws Exception {
        expectInvalid(timeseries("metric=orders&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), "from");
        verifyNoInteractions(queries);
    }

    /** 24 hours is the default of {@code eventmart.analytics.insights.max-timeseries-range}. */
    @Test
    void refusesARangeWiderThanADayNamingTo() throws Exception {
        expectInvalid(timeseries("metric=orders&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z"), "to")
                .andExpect(jsonPath("$.errors[0].message").value("must be at most PT24H after from"));
        verifyNoInteractions(queries);
    }

    /** Window stores key by epoch millisecond: an instant a long of them cannot hold must not reach them. */
    @ParameterizedTest
    @ValueSource(strings = { "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z" })
    void refusesAnInstantOutsideTheTrackableYearsNamingIt(String from) throws Exception {
        expectInvalid(timeseries("metric=orders&from=" + from), "from");
        verifyNoInteractions(queries);
    }

    @Test
    void refusesAFromThatIsNoInstant() throws Exception {
        timeseries("metric=orders&from=yesterday")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("from")));
        verifyNoInteractions(queries);
    }

    /** By default the last hour, including the minute the clock is in: the buckets a dashboard shows. */
    @Test
    void asksTheStoresForTheLastHourByDefault() throws Exception {
        Instant start = Instant.parse("2026-12-07T09:16:00Z");
        Instant end = Instant.parse("2026-12-07T10:16:00Z");
        given(queries.perMinute(Metric.ORDERS, start, end)).willReturn(List.of());

        timeseries("metric=orders")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metric").value("orders"))
                .andExpect(jsonPath("$.from").value(start.toString()))
                .andExpect(jsonPath("$.to").value(end.toString()));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 101 })
    void refusesATopProductsLimitOutsideOneToAHundredNamingIt(int limit) throws Exception {
        expectInvalid(mvc.perform(get("/api/analytics/products/top").param("limit", String.valueOf(limit))),
                "limit");
        verifyNoInteractions(queries);
    }

    @Test
    void refusesAnUnknownRankingNamingIt() throws Exception {
        expectInvalid(mvc.perform(get("/api/analytics/products/top").param("by", "likes")), "by");
        verifyNoInteractions(queries);
    }

    @Test
    void showsStaffTheOverview() throws Exception {
        given(queries.overview()).willReturn(Overview.EMPTY);
        given(queries.topProducts(ProductRanking.VIEWS, 10)).willReturn(new TopProducts(List.of(), 0));

        mvc.perform(get("/api/analytics/overview"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalUsers").value(0))
                .andExpect(jsonPath("$.orders.placed").value(0));
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        mvc.perform(get("/api/analytics/overview"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(queries);
    }

    /** A customer (even one whose client holds the scope), a writer of activity, another service: not staff. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice              | ROLE_customer,SCOPE_analytics.read",
            "activity-collector | SCOPE_activity.write",
            "analytics-service  | ROLE_service,SCOPE_analytics.read",
            "olivia             | ROLE_ops" })
    void refusesFiguresToAnyoneButStaffWithTheScope(String user, String authorities) throws Exception {
        mvc.perform(get("/api/analytics/overview")
                        .with(user(user).authorities(AuthorityUtils.commaSeparatedStringToAuthorityList(authorities))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(queries);
    }

    private ResultActions timeseries(String query) throws Exception {
        return mvc.perform(get("/api/analytics/timeseries?" + query));
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(field)))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    /**
     * What a slice leaves out: the application's clock (service-support's auto-configuration), fixed here, and its
     * properties scan (the timeseries range limit).
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InsightsProperties.class)
    static class FixedClockAndProperties {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
