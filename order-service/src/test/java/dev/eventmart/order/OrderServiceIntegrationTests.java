package dev.eventmart.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventHeaders;
import dev.eventmart.events.EventType;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.order.catalog.CatalogProduct;
import dev.eventmart.order.catalog.CatalogReplica;
import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import dev.eventmart.test.EventProbe;
import dev.eventmart.test.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderServiceIntegrationTests extends AbstractServiceIntegrationTests {

    @Autowired
    private CatalogReplica catalog;

    @Override
    protected String schema() {
        return "orders";
    }

    @Override
    protected DomainEvent sampleEvent() {
        Money price = Money.of("19.99", "EUR");
        return new OrderPlaced(UUID.randomUUID(), "customer-1", "ada@example.com",
                List.of(new OrderLine("P-1", "SKU-1", "Pen", 3, price, price.times(3))), price.times(3),
                new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void replicatesTheCatalogKeepingTheHighestVersion() {
        String productId = "P-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT)) {
            probe.send(snapshot(productId, "12.50", 2), "inventory-service");
            await().until(() -> catalog.find(productId).map(CatalogProduct::version), Optional.of(2L)::equals);

            probe.send(snapshot(productId, "9.99", 1), "inventory-service");
            probe.send(snapshot(productId, "14.00", 3), "inventory-service");
            await().until(() -> catalog.find(productId).map(CatalogProduct::version), Optional.of(3L)::equals);
        }

        assertThat(catalog.find(productId)).get().extracting(CatalogProduct::price)
                .isEqualTo(Money.of("14.00", "EUR"));
    }

    @Test
    void sendsAnUnreadableSnapshotToTheDeadLetterTopicAndKeepsConsuming() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String productId = "P-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT, Topics.deadLetterOf(Topics.PRODUCT_SNAPSHOT))) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.PRODUCT_SNAPSHOT, poisonKey,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            probe.send(poison);
            probe.send(snapshot(productId, "5.00", 1), "inventory-service");

            ReceivedEvent dead = probe.awaitRecord(record -> Topics.isDeadLetter(record.topic())
                    && poisonKey.equals(record.key()));
            assertThat(dead.header("kafka_dlt-exception-fqcn")).isNotBlank();
            assertThat(dead.header("kafka_dlt-original-topic")).isEqualTo(Topics.PRODUCT_SNAPSHOT);
            assertThat(new String(dead.record().value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            await().until(() -> catalog.find(productId).isPresent());
        }
    }

    @Test
    void deadLettersARecordItsHandlerKeepsFailingOnExactlyAsReceived() {
        String productId = "P-" + UUID.randomUUID();
        byte[] payload = """
                {"productId":"%s","sku":"SKU-1","name":"%s","category":"tests",
                 "price":{"amount":"1.00","currency":"EUR"},"active":true,"version":1,
                 "updatedAt":"2026-11-23T10:00:00Z","fieldOfANewerProducer":"kept"}"""
                .formatted(productId, "too long for the replica ".repeat(12)).getBytes(StandardCharsets.UTF_8);
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), EventType.PRODUCT_SNAPSHOT.type(), 1,
                "inventory-service", Instant.now(), productId, productId);
        try (EventProbe probe = EventProbe.on(Topics.deadLetterOf(Topics.PRODUCT_SNAPSHOT))) {
            probe.send(CloudEventRecords.toRecord(Topics.PRODUCT_SNAPSHOT, metadata, payload));

            ReceivedEvent dead = probe.awaitRecord(record -> productId.equals(record.key()));

            assertThat(dead.record().value()).isEqualTo(payload);
            assertThat(dead.metadata()).isEqualTo(metadata);
            assertThat(dead.header("kafka_dlt-exception-message")).contains("value too long");
        }
        assertThat(catalog.find(productId)).isEmpty();
    }

    private static ProductSnapshot snapshot(String productId, String price, long version) {
        return new ProductSnapshot(productId, "SKU-" + version, "Product v" + version, "tests",
                Money.of(price, "EUR"), true, version, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
