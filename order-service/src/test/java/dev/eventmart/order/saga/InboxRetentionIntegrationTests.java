package dev.eventmart.order.saga;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static dev.eventmart.test.ConsumerGroups.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.support.messaging.InboxProperties;
import dev.eventmart.support.messaging.InboxRetention;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The inbox forgets what it must and remembers what it must, against the real database and, for the redelivery,
 * the saga's real listener: processed events older than the retention window are pruned, an event processed inside
 * it is still recognised when delivered again.
 */
@ServiceIntegrationTest
class InboxRetentionIntegrationTests {

    private static final Duration RETENTION = Duration.ofDays(14);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    @Autowired
    private InboxRetention inboxRetention;

    @Autowired
    private MeterRegistry meters;

    @Test
    void prunesProcessedEventsOlderThanTheRetentionWindowAndKeepsTheRest() {
        List<UUID> expired = IntStream.range(0, 5).mapToObj(i -> processedDaysAgo(15)).toList();
        UUID justInside = processedDaysAgo(13);
        UUID today = processedDaysAgo(0);
        double prunedBefore = meters.counter("eventmart.inbox.pruned").count();

        int pruned = inboxRetention.pruneExpired();

        assertThat(pruned).isEqualTo(expired.size());
        assertThat(remaining(expired)).isEmpty();
        assertThat(remaining(List.of(justInside, today))).containsExactlyInAnyOrder(justInside, today);
        assertThat(meters.counter("eventmart.inbox.pruned").count() - prunedBefore).isEqualTo(expired.size());
    }

    @Test
    void prunesInBatchesAndTwoInstancesPruningAtOnceDeleteEachRowOnce() {
        List<UUID> expired = IntStream.range(0, 40).mapToObj(i -> processedDaysAgo(20)).toList();
        InboxRetention one = retention(RETENTION, 3);
        InboxRetention other = retention(RETENTION, 3);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(one::pruneExpired);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(other::pruneExpired);

        assertThat(first.join() + second.join()).isEqualTo(expired.size());
        assertThat(remaining(expired)).isEmpty();
    }

    @Test
    void stillDeduplicatesARedeliveryOfAnEventProcessedInsideTheWindow() {
        try (EventProbe probe = EventProbe.on(Topics.PAYMENT_REQUESTED)) {
            String product = productInCatalog(probe, catalog, "10.00");
            UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
            StockReserved reserved = new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now());
            EventMetadata metadata = probe.send(reserved, "inventory-service");
            probe.await(PaymentRequested.class, event -> event.orderId().equals(orderId));
            // Processed 13 days ago as far as the inbox can tell: old, but inside the window.
            OffsetDateTime processedAt = backdate(metadata.id(), Duration.ofDays(13));

            inboxRetention.pruneExpired();
            probe.send(CloudEventRecords.toRecord(Topics.STOCK_RESERVED, metadata, EventCodec.encode(reserved)));
            awaitCaughtUp(SagaRepliesListener.ID, Topics.STOCK_RESERVED);

            // The redelivery found the mark (had it been pruned, the listener would have written a new one, dated now)
            // and requested nothing more.
            assertThat(processedAt(metadata.id())).containsExactly(processedAt);
            assertThat(probe.received()).filteredOn(received -> received.event() instanceof PaymentRequested request
                    && request.orderId().equals(orderId)).hasSize(1);
            // The same mark with a window shorter than its age would have gone: the window is what keeps it.
            retention(Duration.ofDays(12), 100).pruneExpired();
            assertThat(processedAt(metadata.id())).isEmpty();
        }
    }

    private UUID processedDaysAgo(int days) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                insert into processed_event (event_id, handler, processed_at)
                values (?, 'inbox-retention-tests', now() - ? * interval '1 day')""")
                .params(eventId, days).update();
        return eventId;
    }

    private OffsetDateTime backdate(UUID eventId, Duration age) {
        jdbc.sql("update processed_event set processed_at = now() - ? * interval '1 second' where event_id = ?")
                .params(age.toSeconds(), eventId).update();
        return processedAt(eventId).getFirst();
    }

    private List<OffsetDateTime> processedAt(UUID eventId) {
        return jdbc.sql("select processed_at from processed_event where event_id = ?").param(eventId)
                .query(OffsetDateTime.class).list();
    }

    private List<UUID> remaining(List<UUID> eventIds) {
        return jdbc.sql("select event_id from processed_event where event_id in (:eventIds)")
                .param("eventIds", eventIds).query(UUID.class).list();
    }

    private InboxRetention retention(Duration retention, int batchSize) {
        return new InboxRetention(jdbc, new InboxProperties(retention, true, Duration.ofHours(1), batchSize),
                new SimpleMeterRegistry());
    }
}
