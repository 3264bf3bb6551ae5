package dev.eventmart.order.deadletters;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.eventmart.events.Topics;
import dev.eventmart.support.deadletters.DeadLetterAlreadySettled;
import dev.eventmart.support.deadletters.DeadLetterAudit;
import dev.eventmart.support.deadletters.DeadLetterAudit.Entry;
import dev.eventmart.support.deadletters.DeadLetterController;
import dev.eventmart.support.deadletters.DeadLetterOperations;
import dev.eventmart.support.deadletters.DeadLetterReader;
import dev.eventmart.support.deadletters.DeadLetterReader.Cursor;
import dev.eventmart.support.deadletters.DeadLetterReader.Page;
import dev.eventmart.support.deadletters.DeadLetterRecord;
import dev.eventmart.support.deadletters.DeadLetterRecord.Action;
import dev.eventmart.support.deadletters.DeadLetterRecord.Disposition;
import dev.eventmart.support.deadletters.DeadLettersApiAccess;
import dev.eventmart.support.security.ApiAccess;
import dev.eventmart.support.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The dead-letter API of service-support as order-service serves it: staff only through its real rule
 * ({@link DeadLettersApiAccess} with the {@code orders} scope); parameters and bodies validated before the broker or
 * the audit is touched; unknown topics and settled records answered as problems. The caller is staff {@code olga};
 * the reading and replaying themselves are in {@code DeadLettersIntegrationTests}.
 */
@WebMvcTest(controllers = DeadLetterController.class)
@Import({ DeadLetterController.class, DeadLetterControllerTests.Rules.class })
@WithMockUser(username = "olga", authorities = { "ROLE_ops", "SCOPE_orders" })
class DeadLetterControllerTests {

    private static final String DLT = Topics.deadLetterOf(Topics.STOCK_RESERVED);
    private static final String RECORDS = "/api/operations/dead-letters/" + DLT + "/records";
    private static final Caller OLGA = new Caller("olga", true);

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DeadLetterReader reader;

    @MockitoBean
    private DeadLetterAudit audit;

    @MockitoBean
    private DeadLetterOperations operations;

    @Test
    void listsAPageOfRecordsWithTheirFailureAndWhereTheNextPageStarts() throws Exception {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(DLT, 1, 7, "order-1", new byte[0]);
        given(reader.page(DLT, 1, 5L, 1)).willReturn(new Page(List.of(record), new Cursor(1, 8)));
        given(audit.dispositionsOf(eq(DLT), any())).willReturn(Map.of());
        given(reader.view(record, null)).willReturn(new DeadLetterRecord(DLT, 1, 7, Instant.parse(
                "2026-12-07T10:00:00Z"), new DeadLetterRecord.Failure("ListenerExecutionFailedException",
                "org.postgresql.util.PSQLException", "refused", "order-service.saga-replies",
                Topics.STOCK_RESERVED, 2, 40L, Instant.parse("2026-12-07T09:59:59Z")),
                new DeadLetterRecord.Original("order-1", "e-1", "dev.eventmart.inventory.stock-reserved", 0,
                        Map.of("ce_id", "e-1"), Map.of("orderId", "order-1"), "json"), null));

        mvc.perform(get(RECORDS).param("partition", "1").param("offset", "5").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.topic").value(DLT))
                .andExpect(jsonPath("$.records[0].offset").value(7))
                .andExpect(jsonPath("$.records[0].failure.causeClass").value("org.postgresql.util.PSQLException"))
                .andExpect(jsonPath("$.records[0].failure.originalTopic").value(Topics.STOCK_RESERVED))
                .andExpect(jsonPath("$.records[0].original.value.orderId").value("order-1"))
                .andExpect(jsonPath("$.records[0].disposition").isEmpty())
                .andExpect(jsonPath("$.next.partition").value(1))
                .andExpect(jsonPath("$.next.offset").value(8));
    }

    @Test
    void readsTwentyFromTheFirstPartitionByDefault() throws Exception {
        given(reader.page(DLT, null, null, 20)).willReturn(new Page(List.of(), null));

        mvc.perform(get(RECORDS)).andExpect(status().isOk()).andExpect(jsonPath("$.records").isEmpty())
                .andExpect(jsonPath("$.next").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "101", "-1" })
    void refusesALimitOutsideOneTo100(String limit) throws Exception {
        expectInvalid(mvc.perform(get(RECORDS).param("limit", limit)), "limit");
        verifyNoInteractions(reader, audit);
    }

    @Test
    void refusesANegativePartitionOrOffset() throws Exception {
        expectInvalid(mvc.perform(get(RECORDS).param("partition", "-1")), "partition");
        expectInvalid(mvc.perform(get(RECORDS).param("offset", "-1")), "offset");
        expectInvalid(mvc.perform(post(RECORDS + "/-1/0/replay")), "partition");
        expectInvalid(mvc.perform(post(RECORDS + "/0/-1/replay")), "offset");
        verifyNoInteractions(reader, audit, operations);
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "99999999999999999999" })
    void refusesAnOffsetThatIsNotANumber(String offset) throws Exception {
        mvc.perform(get(RECORDS + "/0/" + offset))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("Exception"))));
        verifyNoInteractions(reader, audit);
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory.stock.reserved", "no.such.topic.dlt", "analytics-service-streams.dlt" })
    void answersATopicThatIsNotAnEventMartDeadLetterTopicWith404(String topic) throws Exception {
        mvc.perform(get("/api/operations/dead-letters/" + topic + "/records"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Dead-letter topic not found"));
        mvc.perform(get("/api/operations/dead-letter-actions").param("topic", topic))
                .andExpect(status().isNotFound());
        verifyNoInteractions(reader, audit);
    }

    @Test
    void replaysOneRecordAsTheCallingStaffWithOrWithoutAReason() throws Exception {
        given(operations.replay(DLT, 0, 3, OLGA, "fixed")).willReturn(replayed("fixed"));

        mvc.perform(post(RECORDS + "/0/3/replay").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"fixed\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value("REPLAYED"))
                .andExpect(jsonPath("$.replayAttempt").value(1))
                .andExpect(jsonPath("$.actor").value("olga"));
        mvc.perform(post(RECORDS + "/0/3/replay")).andExpect(status().isOk());
        then(operations).should().replay(eq(DLT), eq(0), eq(3L), eq(OLGA), isNull());
    }

    @Test
    void answersARecordSettledBeforeWithA409ProblemSayingHow() throws Exception {
        given(operations.replay(any(), anyInt(), anyLong(), any(), any())).willThrow(new DeadLetterAlreadySettled(DLT,
                0, 3, new Disposition(Action.DISCARDED, "oscar", Instant.parse("2026-12-07T10:00:00Z"), "test")));

        mvc.perform(post(RECORDS + "/0/3/replay"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.disposition").value("DISCARDED"))
                .andExpect(jsonPath("$.settledBy").value("oscar"));
    }

    @Test
    void discardsWithTheReasonGiven() throws Exception {
        given(operations.discard(DLT, 0, 3, OLGA, "test order")).willReturn(new Entry(Action.DISCARDED, DLT, 0, 3,
                Topics.STOCK_RESERVED, "e-1", "t", "order-1", null, "olga", "test order", Instant.now()));

        mvc.perform(post(RECORDS + "/0/3/discard").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"test order\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value("DISCARDED"))
                .andExpect(jsonPath("$.reason").value("test order"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":\"a\\u0000b\"}",
            "{\"reason\":\"\\u001b[31m\"}" })
    void refusesADiscardWithoutAPlainReason(String body) throws Exception {
        expectInvalid(mvc.perform(post(RECORDS + "/0/3/discard").contentType(MediaType.APPLICATION_JSON)
                .content(body)), "reason");
        verifyNoInteractions(operations);
    }

    @Test
    void refusesADiscardWithoutABodyAndAReasonLongerThan500() throws Exception {
        mvc.perform(post(RECORDS + "/0/3/discard"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        expectInvalid(mvc.perform(post(RECORDS + "/0/3/replay").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"" + "a".repeat(501) + "\"}")), "reason");
        verifyNoInteractions(operations);
    }

    @Test
    void refusesAnAuditLimitOutsideOneTo500() throws Exception {
        expectInvalid(mvc.perform(get("/api/operations/dead-letter-actions").param("limit", "501")), "limit");
        verifyNoInteractions(audit);
    }

    @Test
    @WithAnonymousUser
    void refusesACallerWithoutAToken() throws Exception {
        mvc.perform(get("/api/operations/dead-letters")).andExpect(status().isUnauthorized());
        mvc.perform(get(RECORDS)).andExpect(status().isUnauthorized());
        mvc.perform(post(RECORDS + "/0/3/replay")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/operations/dead-letter-actions")).andExpect(status().isUnauthorized());
        verifyNoInteractions(reader, audit, operations);
    }

    @Test
    @WithMockUser(username = "ada", authorities = { "ROLE_customer", "SCOPE_orders" })
    void refusesACustomer() throws Exception {
        mvc.perform(get(RECORDS))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(RECORDS + "/0/3/discard").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"mine\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/operations/dead-letters/" + DLT + "/replay")).andExpect(status().isForbidden());
        verifyNoInteractions(reader, audit, operations);
    }

    @Test
    @WithMockUser(username = "olga", authorities = { "ROLE_ops", "SCOPE_payments" })
    void refusesStaffWithoutTheOrdersScope() throws Exception {
        mvc.perform(post(RECORDS + "/0/3/replay")).andExpect(status().isForbidden());
        mvc.perform(get("/api/operations/dead-letter-actions")).andExpect(status().isForbidden());
        verifyNoInteractions(reader, audit, operations);
    }

    private static Entry replayed(String reason) {
        return new Entry(Action.REPLAYED, DLT, 0, 3, Topics.STOCK_RESERVED, "e-1", "t", "order-1", 1, "olga", reason,
                Instant.parse("2026-12-07T10:00:00Z"));
    }

    private static ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains(field)))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    /** The rule order-service gets with {@code eventmart.dead-letters.scope=orders}. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Rules {

        @Bean
        ApiAccess deadLettersApiAccess() {
            return new DeadLettersApiAccess("orders");
        }
    }
}
