package dev.eventmart.order.deadletters;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.deadLetteredEmail;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.ServiceIntegrationTest;
import dev.eventmart.test.security.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The dead-letter API against the real broker and database: a saga reply that failed for good is dead-lettered by
 * the real listener, listed with its failure, replayed once its cause is gone (its effect happens once, a second
 * replay is refused), and every action is in the audit. The cause here is a database rule that refuses the order's
 * update (a trigger raising a check violation, which the error handler dead-letters at once), dropped as an operator
 * would fix the data or deploy the fix. Same context as the other integration tests.
 */
@ServiceIntegrationTest
class DeadLettersIntegrationTests {

    private static final String DEAD_LETTERS = "/api/operations/dead-letters";
    private static final String STOCK_RESERVED_DLT = Topics.deadLetterOf(Topics.STOCK_RESERVED);

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void replaysAPoisonReplyOnceItsCauseIsFixedAndItTakesEffectOnce() {
        try (EventProbe probe = EventProbe.on(Topics.PAYMENT_REQUESTED, STOCK_RESERVED_DLT)) {
            String product = productInCatalog(probe, catalog, "10.00");
            UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
            refuseUpdatesOf(orderId);
            EventMetadata sent;
            try {
                sent = probe.send(new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now()),
                        "inventory-service");
                probe.awaitRecord(record -> record.topic().equals(STOCK_RESERVED_DLT)
                        && orderId.toString().equals(record.key()));
            }
            finally {
                allowUpdates();
            }
            assertThat(status(orderId)).isEqualTo("PENDING");

            Map<String, Object> listed = listedRecord(STOCK_RESERVED_DLT, orderId.toString());
            Map<?, ?> failure = (Map<?, ?>) listed.get("failure");
            Map<?, ?> original = (Map<?, ?>) listed.get("original");
            assertThat(failure.get("originalTopic")).isEqualTo(Topics.STOCK_RESERVED);
            assertThat(failure.get("consumerGroup")).isEqualTo("order-service.saga-replies");
            assertThat(failure.get("originalOffset")).isNotNull();
            assertThat(failure.get("originalTimestamp")).isNotNull();
            assertThat((String) failure.get("exceptionClass")).isNotBlank();
            assertThat((String) failure.get("message")).contains("refused by the test");
            assertThat(original.get("eventId")).isEqualTo(sent.id().toString());
            assertThat(original.get("eventType")).isEqualTo(sent.type());
            assertThat(original.get("valueFormat")).isEqualTo("json");
            assertThat(((Map<?, ?>) original.get("value")).get("orderId")).isEqualTo(orderId.toString());
            assertThat(((Map<?, ?>) original.get("headers")).get(EventHeaders.ID)).isEqualTo(sent.id().toString());
            assertThat(((Map<?, ?>) original.get("headers")).containsKey("kafka_dlt-exception-message")).isFalse();
            assertThat(listed.get("disposition")).isNull();
            int partition = (Integer) listed.get("partition");
            long offset = ((Number) listed.get("offset")).longValue();
            String address = DEAD_LETTERS + "/" + STOCK_RESERVED_DLT + "/records/" + partition + "/" + offset;

            http.post().uri(address + "/replay").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", "the order's data is fixed")).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.action").isEqualTo("REPLAYED")
                    .jsonPath("$.originalTopic").isEqualTo(Topics.STOCK_RESERVED)
                    .jsonPath("$.eventId").isEqualTo(sent.id().toString())
                    .jsonPath("$.replayAttempt").isEqualTo(1)
                    .jsonPath("$.actor").isEqualTo("eventmart-tests");

            probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));
            assertThat(status(orderId)).isEqualTo("RESERVED");

            http.post().uri(address + "/replay").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.disposition").isEqualTo("REPLAYED")
                    .jsonPath("$.settledBy").isEqualTo("eventmart-tests");
            // Even a record sent again by hand changes nothing: the saga's inbox knows the event.
            ReceivedEvent dead = probe.awaitRecord(record -> record.topic().equals(STOCK_RESERVED_DLT)
                    && orderId.toString().equals(record.key()));
            probe.send(new ProducerRecord<>(Topics.STOCK_RESERVED, null, orderId.toString(), dead.record().value(),
                    CloudEventRecords.toRecord(Topics.STOCK_RESERVED, sent, new byte[0]).headers()));

            await().during(java.time.Duration.ofSeconds(1)).until(() -> paymentRequestsFor(probe, orderId) == 1);
            assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(sent.id())
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(listedRecord(STOCK_RESERVED_DLT, orderId.toString()).get("disposition"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("action", "REPLAYED").containsEntry("by", "eventmart-tests")
                    .containsEntry("reason", "the order's data is fixed");
            http.get().uri("/api/operations/dead-letter-actions?topic=" + STOCK_RESERVED_DLT).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.actions[?(@.eventId == '" + sent.id() + "')].action").isEqualTo(List.of("REPLAYED"))
                    .jsonPath("$.actions[?(@.eventId == '" + sent.id() + "')].offset").value(offsets -> assertThat(
                            ((List<?>) offsets).stream().map(each -> ((Number) each).longValue()).toList())
                            .containsExactly(offset));
        }
    }

    @Test
    void discardsARecordWithAReasonAuditedAndReplaysTheRestOnceWithAnAttemptHeader() {
        String topic = Topics.EMAIL_SENT;
        String deadLetters = Topics.deadLetterOf(topic);
        String discardedKey = UUID.randomUUID().toString();
        String replayedKey = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.on(topic, deadLetters)) {
            EventMetadata replayed = deadLetteredEmail(probe, replayedKey);
            deadLetteredEmail(probe, discardedKey);
            Map<String, Object> toDiscard = listedRecord(deadLetters, discardedKey);
            String address = DEAD_LETTERS + "/" + deadLetters + "/records/" + toDiscard.get("partition") + "/"
                    + toDiscard.get("offset");

            http.post().uri(address + "/discard").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", "sent to a test mailbox")).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.action").isEqualTo("DISCARDED")
                    .jsonPath("$.actor").isEqualTo("eventmart-tests")
                    .jsonPath("$.reason").isEqualTo("sent to a test mailbox")
                    .jsonPath("$.key").isEqualTo(discardedKey);
            http.get().uri(address).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.disposition.action").isEqualTo("DISCARDED")
                    .jsonPath("$.disposition.by").isEqualTo("eventmart-tests")
                    .jsonPath("$.disposition.reason").isEqualTo("sent to a test mailbox")
                    .jsonPath("$.failure.causeClass").isEqualTo("java.lang.IllegalArgumentException");
            http.get().uri("/api/operations/dead-letter-actions?limit=500").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.actions[?(@.key == '" + discardedKey + "')].action").isEqualTo(List.of("DISCARDED"))
                    .jsonPath("$.actions[?(@.key == '" + discardedKey + "')].reason")
                    .isEqualTo(List.of("sent to a test mailbox"));
            http.post().uri(address + "/replay").exchange().expectStatus().isEqualTo(409);
            http.post().uri(address + "/discard").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", "again")).exchange().expectStatus().isEqualTo(409);

            http.post().uri(DEAD_LETTERS + "/" + deadLetters + "/replay").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", "mail server back")).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.replayed").value(count -> assertThat((Integer) count).isPositive())
                    .jsonPath("$.more").isEqualTo(false);
            ReceivedEvent again = probe.awaitRecord(record -> record.topic().equals(topic)
                    && replayedKey.equals(record.key()) && record.header("eventmart_replay_attempt") != null);
            assertThat(again.header("eventmart_replay_attempt")).isEqualTo("1");
            assertThat(again.header("eventmart_replayed_from")).startsWith(deadLetters + "-");
            assertThat(again.header("kafka_dlt-exception-message")).isNull();
            assertThat(again.metadata()).isEqualTo(replayed);
            http.post().uri(DEAD_LETTERS + "/" + deadLetters + "/replay").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.replayed").isEqualTo(0);

            List<ReceivedEvent> onTopic = probe.receivedToEnd().stream().filter(record -> record.topic().equals(topic))
                    .toList();
            // Written only to the dead-letter topic here: on the topic is the one replay, and nothing of the discarded.
            assertThat(onTopic).filteredOn(record -> replayedKey.equals(record.key())).hasSize(1);
            assertThat(onTopic).filteredOn(record -> discardedKey.equals(record.key())).isEmpty();
        }
    }

    @Test
    void answersAnUnknownTopicPartitionOrOffsetWith404() {
        for (String uri : List.of(DEAD_LETTERS + "/" + Topics.STOCK_RESERVED + "/records",
                DEAD_LETTERS + "/no.such.topic.dlt/records",
                DEAD_LETTERS + "/" + STOCK_RESERVED_DLT + "/records?partition=99",
                DEAD_LETTERS + "/" + STOCK_RESERVED_DLT + "/records/0/999999999",
                "/api/operations/dead-letter-actions?topic=" + Topics.ORDER_PLACED)) {
            http.get().uri(uri).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.post().uri(DEAD_LETTERS + "/" + STOCK_RESERVED_DLT + "/records/0/999999999/replay").exchange()
                .expectStatus().isNotFound();
        http.post().uri(DEAD_LETTERS + "/" + Topics.STOCK_RESERVED + "/replay").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void listsEveryDeadLetterTopicWithWhatItHolds() {
        http.get().uri(DEAD_LETTERS).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.topics[*].topic").value(topics -> assertThat(((List<?>) topics).stream().map(Object::toString).toList())
                        .hasSize(Topics.ALL.size()).contains(STOCK_RESERVED_DLT))
                .jsonPath("$.topics[?(@.topic == '" + STOCK_RESERVED_DLT + "')].sourceTopic")
                .isEqualTo(List.of(Topics.STOCK_RESERVED));
    }

    @Test
    void refusesCustomersStaffWithoutTheOrdersScopeAndCallersWithoutAToken() {
        String replay = DEAD_LETTERS + "/" + STOCK_RESERVED_DLT + "/records/0/0/replay";
        String customer = "Bearer " + TestTokens.customer("ada");
        String otherScope = "Bearer " + TestTokens.token("olga").roles("ops").scopes(List.of("payments")).sign();
        for (String token : List.of(customer, otherScope)) {
            http.get().uri(DEAD_LETTERS).header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isForbidden();
            http.post().uri(replay).header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isForbidden();
            http.get().uri("/api/operations/dead-letter-actions").header(HttpHeaders.AUTHORIZATION, token)
                    .exchange().expectStatus().isForbidden();
        }
    }

    /** The record with this key, found by following the API's pages. */
    private Map<String, Object> listedRecord(String topic, String key) {
        return await().until(() -> find(topic, record -> key.equals(record.get("original") instanceof Map<?, ?> o
                ? o.get("key") : null)), found -> found != null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> find(String topic, Predicate<Map<String, Object>> match) {
        String query = "?limit=100";
        while (true) {
            Map<String, Object> page = http.get().uri(DEAD_LETTERS + "/" + topic + "/records" + query).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            for (Map<String, Object> record : (List<Map<String, Object>>) page.get("records")) {
                if (match.test(record)) {
                    return record;
                }
            }
            Map<String, Object> next = (Map<String, Object>) page.get("next");
            if (next == null) {
                return null;
            }
            query = "?limit=100&partition=" + next.get("partition") + "&offset=" + next.get("offset");
        }
    }

    private String status(UUID orderId) {
        return jdbc.sql("select status from customer_order where order_id = ?").param(orderId)
                .query(String.class).single();
    }

    private static long paymentRequestsFor(EventProbe probe, UUID orderId) {
        return probe.received().stream()
                .filter(record -> record.event() instanceof PaymentRequested request
                        && request.orderId().equals(orderId))
                .count();
    }

    /** A rule of the database that the order's next update breaks: a check violation, a permanent failure. */
    private void refuseUpdatesOf(UUID orderId) {
        jdbc.sql("""
                create or replace function refuse_order_update() returns trigger language plpgsql as $$
                begin
                    raise exception 'order % refused by the test', old.order_id using errcode = 'check_violation';
                end $$""").update();
        jdbc.sql("create trigger refuse_order_update before update on customer_order for each row when (old.order_id = '"
                + orderId + "') execute function refuse_order_update()").update();
    }

    private void allowUpdates() {
        jdbc.sql("drop trigger if exists refuse_order_update on customer_order").update();
        jdbc.sql("drop function if exists refuse_order_update()").update();
    }

}
