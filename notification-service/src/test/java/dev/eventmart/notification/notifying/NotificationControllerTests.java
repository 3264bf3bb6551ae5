package dev.eventmart.notification.notifying;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The notifications API's own rules: who may ask (through the real {@link NotificationApiAccess}), whose
 * notifications a customer sees (another's is {@code 404}, asking for another's list {@code 403}), the {@code 404} of
 * an unknown id and the {@code 400} of a parameter that does not convert or is out of range. The caller is customer
 * {@code ada} unless a test says otherwise; that the filter reaches the query, with real tokens, is shown in
 * {@code NotificationsIntegrationTests}.
 */
@WebMvcTest(NotificationController.class)
@Import(NotificationApiAccess.class)
@WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_notifications" })
class NotificationControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Notifications notifications;

    @Test
    void confinesACustomersListToTheirOwnNotifications() throws Exception {
        given(notifications.search(isNull(), eq("ada"), isNull(), any())).willReturn(pageOf(notificationOf("ada")));

        mvc.perform(get("/api/notifications"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].customerId").value("ada"))
                .andExpect(jsonPath("$.content[0].textBody").doesNotExist());
        then(notifications).should().search(isNull(), eq("ada"), isNull(), eq(PageRequest.of(0, 20,
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("notificationId")))));
    }

    @Test
    void refusesACustomerAskingForAnotherCustomersNotifications() throws Exception {
        mvc.perform(get("/api/notifications").param("customerId", "bob"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:eventmart:problem:not-yours"));
        verifyNoInteractions(notifications);
    }

    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_notifications" })
    void letsStaffListAnyCustomersNotifications() throws Exception {
        given(notifications.search(isNull(), eq("bob"), isNull(), any())).willReturn(pageOf(notificationOf("bob")));

        mvc.perform(get("/api/notifications").param("customerId", "bob"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].customerId").value("bob"));
    }

    @Test
    void showsACustomerTheirOwnNotificationWithItsBodies() throws Exception {
        Notification own = notificationOf("ada");
        given(notifications.findById(own.notificationId())).willReturn(Optional.of(own));

        mvc.perform(get("/api/notifications/{id}", own.notificationId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notificationId").value(own.notificationId().toString()))
                .andExpect(jsonPath("$.textBody").value("Thank you for your order"));
    }

    /** The same answer as for an id nobody has: it tells nothing about another customer's notifications. */
    @Test
    void answersAnotherCustomersNotificationAsNotFound() throws Exception {
        Notification others = notificationOf("bob");
        given(notifications.findById(others.notificationId())).willReturn(Optional.of(others));

        expectNotFound(mvc.perform(get("/api/notifications/{id}", others.notificationId())));
    }

    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_notifications" })
    void showsStaffAnyCustomersNotification() throws Exception {
        Notification others = notificationOf("bob");
        given(notifications.findById(others.notificationId())).willReturn(Optional.of(others));

        mvc.perform(get("/api/notifications/{id}", others.notificationId())).andExpect(status().isOk());
    }

    @Test
    void answersAnUnknownIdWithA404Problem() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(notifications.findById(unknown)).willReturn(Optional.empty());

        expectNotFound(mvc.perform(get("/api/notifications/{id}", unknown)))
                .andExpect(jsonPath("$.detail").value("No notification with id " + unknown));
    }

    @Test
    void refusesAMalformedNotificationId() throws Exception {
        expectBadRequest(mvc.perform(get("/api/notifications/not-a-uuid")));
        verifyNoInteractions(notifications);
    }

    /** Values that do not convert: Spring's problem, which names the parameter in its detail. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({ "orderId, not-a-uuid", "type, ORDER_LOST", "page, x" })
    void refusesAParameterThatDoesNotConvert(String parameter, String value) throws Exception {
        expectBadRequest(mvc.perform(get("/api/notifications").param(parameter, value)))
                .andExpect(jsonPath("$.detail").value(containsString(parameter)));
        verifyNoInteractions(notifications);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({ "page, -1", "page, 100001", "size, 0", "size, 101" })
    void refusesAPageOrSizeOutOfRangeNamingIt(String parameter, String value) throws Exception {
        expectInvalid(mvc.perform(get("/api/notifications").param(parameter, value)), parameter);
        verifyNoInteractions(notifications);
    }

    /** A NUL would reach the query and PostgreSQL would refuse it with a 500; a terminal escape would reach logs. */
    @ParameterizedTest
    @ValueSource(strings = { "ada\u0000", "\u001b[31mada" })
    void refusesControlCharactersInTheCustomerIdNamingIt(String customerId) throws Exception {
        expectInvalid(mvc.perform(get("/api/notifications").param("customerId", customerId)), "customerId");
        verifyNoInteractions(notifications);
    }

    @Test
    @WithMockUser(username = "olivia", authorities = { "ROLE_ops", "SCOPE_notifications" })
    void refusesACustomerIdLongerThanAHundredCharactersNamingIt() throws Exception {
        expectInvalid(mvc.perform(get("/api/notifications").param("customerId", "c".repeat(101))), "customerId");
        verifyNoInteractions(notifications);
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        mvc.perform(get("/api/notifications"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(notifications);
    }

    @Test
    @WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_orders" })
    void refusesACustomerWhoseClientLacksTheNotificationsScope() throws Exception {
        mvc.perform(get("/api/notifications/{id}", UUID.randomUUID()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(notifications);
    }

    @Test
    @WithMockUser(username = "analytics-service", authorities = { "ROLE_service", "SCOPE_notifications" })
    void refusesACallerThatIsNeitherCustomerNorStaff() throws Exception {
        mvc.perform(get("/api/notifications"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(notifications);
    }

    private static ResultActions expectNotFound(ResultActions result) throws Exception {
        return result.andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Notification not found"));
    }

    private static ResultActions expectBadRequest(ResultActions result) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return expectBadRequest(result).andExpect(jsonPath("$.errors[*].field").value(contains(field)));
    }

    private static Page<Notification> pageOf(Notification notification) {
        return new PageImpl<>(List.of(notification), PageRequest.of(0, 20), 1);
    }

    private static Notification notificationOf(String customerId) {
        OrderNotice notice = new OrderNotice(UUID.randomUUID(), customerId, customerId + "@example.com",
                NotificationType.ORDER_RECEIVED, List.of(), Money.of("19.90", "EUR"), null, null,
                Instant.parse("2026-12-07T10:00:00Z"), "correlation-1");
        return Notification.pending(notice, new RenderedEmail("We received your order", "Thank you for your order",
                "<p>Thank you for your order</p>"), Instant.parse("2026-12-07T10:00:01Z"));
    }
}
