package dev.eventmart.order;

import static org.awaitility.Awaitility.await;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.EventProbe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Small builders for order-service tests. */
public final class OrderFixtures {

    private OrderFixtures() {
    }

    /** Puts a fresh product into the catalog replica through the snapshot topic, as inventory would. */
    public static String productInCatalog(EventProbe probe, CatalogReplica catalog, String price) {
        String productId = "P-" + UUID.randomUUID().toString().substring(0, 8);
        probe.send(new ProductSnapshot(productId, "SKU-" + productId, "Product " + productId, "tests",
                Money.of(price, "EUR"), true, 1, Instant.now()), "inventory-service");
        await().until(() -> catalog.find(productId).isPresent());
        return productId;
    }

    /** Places an order over REST, expects {@code 202} and returns its id. */
    public static UUID place(RestTestClient http, Map<String, Object> request) {
        Map<?, ?> body = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString(body.get("orderId").toString());
    }

    public static Map<String, Object> orderRequest(String customerId, String token, List<Map<String, Object>> items) {
        return Map.of(
                "customerId", customerId,
                "customerEmail", customerId + "@example.com",
                "currency", "EUR",
                "paymentToken", token,
                "shippingAddress", Map.of("street", "1 Main St", "city", "Springfield", "state", "IL",
                        "zipCode", "62701", "country", "US"),
                "items", items);
    }

    public static Map<String, Object> item(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    public static String customer() {
        return "customer-" + UUID.randomUUID();
    }

    /**
     * Puts a record with this key in {@code notification.email.sent.dlt} as the error handler would have: a valid
     * {@code EmailSent} with the {@code kafka_dlt-*} headers of a permanent failure. Nothing in order-service reads
     * that topic, so replaying it here has no effect beyond the record. Answers the event's envelope.
     */
    public static EventMetadata deadLetteredEmail(EventProbe probe, String key) {
        String topic = Topics.EMAIL_SENT;
        EmailSent sent = new EmailSent(UUID.randomUUID(), UUID.randomUUID(), "ORDER_CONFIRMED", "ada@example.com",
                Instant.now());
        EventMetadata metadata = EventMetadata.forNewEvent(sent, "notification-service", key, Instant.now());
        ProducerRecord<String, byte[]> original = CloudEventRecords.toRecord(topic, metadata, EventCodec.encode(sent));
        RecordHeaders headers = new RecordHeaders(original.headers().toArray());
        headers.add("kafka_dlt-exception-fqcn",
                utf8("org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.add("kafka_dlt-exception-cause-fqcn", utf8("java.lang.IllegalArgumentException"));
        headers.add("kafka_dlt-exception-message", utf8("mailbox refused"));
        headers.add("kafka_dlt-original-topic", utf8(topic));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(0).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(42).array());
        headers.add("kafka_dlt-original-timestamp",
                ByteBuffer.allocate(Long.BYTES).putLong(System.currentTimeMillis()).array());
        headers.add("kafka_dlt-original-consumer-group", utf8("analytics-service"));
        probe.send(new ProducerRecord<>(Topics.deadLetterOf(topic), null, key, original.value(), headers));
        return metadata;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
