package dev.eventmart.order.tracing;

import static dev.eventmart.order.OrderFixtures.customer;
import static dev.eventmart.order.OrderFixtures.item;
import static dev.eventmart.order.OrderFixtures.orderRequest;
import static dev.eventmart.order.OrderFixtures.place;
import static dev.eventmart.order.OrderFixtures.productInCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import dev.eventmart.test.RecordedSpans;
import dev.eventmart.test.ServiceIntegrationTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * One trace per order through order-service: the request that places an order, the outbox, the relay and the
 * saga's batch listener, as the spans the service records (every trace is sampled in tests) and the
 * {@code traceparent} headers of the records it publishes.
 */
@ServiceIntegrationTest
class OrderTracingIntegrationTests {

    @Autowired
    private RestTestClient http;

    @Autowired
    private CatalogReplica catalog;

    private EventProbe probe;

    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.ORDER_PLACED, Topics.PAYMENT_REQUESTED);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void theOrderPlacedRecordContinuesTheTraceOfTheRequestThroughTheOutbox() {
        String product = productInCatalog(probe, catalog, "10.00");

        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));

        Traceparent placed = Traceparent.of(probe.await(OrderPlaced.class, event -> event.orderId().equals(orderId)));
        SpanData send = RecordedSpans.withId(placed.spanId());
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getTraceId()).isEqualTo(placed.traceId());
        SpanData request = root(send);
        assertThat(send.getParentSpanId()).as("the send's parent").isEqualTo(request.getSpanId());
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getName()).isEqualTo("http post /api/orders");
        assertThat(request.getTraceId()).isEqualTo(placed.traceId());
    }

    @Test
    void aSagaStepHandledInABatchRepliesInTheTraceOfTheEventItAnswers() {
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        Traceparent placed = Traceparent.of(probe.await(OrderPlaced.class, event -> event.orderId().equals(orderId)));

        // inventory's reply, sent from a span of its own in the order's trace
        String inventorySpan = "a1b2c3d4e5f60718";
        StockReserved reserved = new StockReserved(orderId, List.of(new StockLine(product, 1)), Instant.now());
        ProducerRecord<String, byte[]> reply = CloudEventRecords.toRecord(Topics.STOCK_RESERVED,
                EventMetadata.forNewEvent(reserved, "inventory-service", orderId.toString(), Instant.now()),
                EventCodec.encode(reserved));
        reply.headers().add(EventHeaders.TRACEPARENT, ("00-" + placed.traceId() + "-" + inventorySpan + "-01")
                .getBytes(StandardCharsets.US_ASCII));
        probe.send(reply);

        Traceparent requested = Traceparent.of(probe.await(PaymentRequested.class,
                event -> event.orderId().equals(orderId)));
        assertThat(requested.traceId()).isEqualTo(placed.traceId());
        assertThat(RecordedSpans.withId(requested.spanId()).getParentSpanId()).isEqualTo(inventorySpan);
        SpanData received = RecordedSpans.await(span -> span.getKind() == SpanKind.CONSUMER
                && span.getParentSpanId().equals(inventorySpan));
        assertThat(received.getTraceId()).isEqualTo(placed.traceId());
    }

    @Test
    void healthProbesAndScrapesStartNoTraces() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        String product = productInCatalog(probe, catalog, "10.00");
        UUID orderId = place(http, orderRequest(customer(), "tok_visa", List.of(item(product, 1))));
        // the order's request span is exported after the actuator requests, had they any
        root(RecordedSpans.withId(Traceparent.of(probe.await(OrderPlaced.class,
                event -> event.orderId().equals(orderId))).spanId()));

        assertThat(RecordedSpans.all()).noneMatch(span -> span.getName().contains("/actuator"));
    }

    /** The span that starts the trace {@code span} belongs to, found by walking up its parents. */
    private static SpanData root(SpanData span) {
        SpanData current = span;
        while (current.getParentSpanContext().isValid()) {
            current = RecordedSpans.withId(current.getParentSpanId());
        }
        return current;
    }

    /** The {@code traceparent} header of a record: {@code 00-<trace id>-<span id>-<flags>}. */
    private record Traceparent(String traceId, String spanId) {

        static Traceparent of(ReceivedEvent received) {
            String header = received.header(EventHeaders.TRACEPARENT);
            assertThat(header).as("traceparent of %s", received.topic())
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
            String[] parts = header.split("-");
            return new Traceparent(parts[1], parts[2]);
        }
    }
}
