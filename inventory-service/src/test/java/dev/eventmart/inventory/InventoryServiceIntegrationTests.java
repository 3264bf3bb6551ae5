package dev.eventmart.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.Money;
import dev.eventmart.events.Topics;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import dev.eventmart.test.EventProbe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

class InventoryServiceIntegrationTests extends AbstractServiceIntegrationTests {

    private static final List<String> SEEDED_PRODUCT_IDS = IntStream.rangeClosed(1001, 1022)
            .mapToObj(number -> "P-" + number).toList();

    @Override
    protected String schema() {
        return "inventory";
    }

    @Override
    protected DomainEvent sampleEvent() {
        return new ProductSnapshot("P-TEST", "SKU-TEST", "Test product", "tests", Money.of("10.00", "EUR"), true, 1,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void servesTheSeededDemoCatalog() {
        http.get().uri("/api/products").exchange()
                .expectStatus().isOk()
                .expectBody()
                // Other tests add products of their own, so the seeded ones are checked by id, not by count.
                .jsonPath("$[*].productId").value(new ParameterizedTypeReference<List<String>>() { },
                        ids -> assertThat(ids).containsAll(SEEDED_PRODUCT_IDS))
                .jsonPath("$[0].productId").isEqualTo("P-1001")
                .jsonPath("$[0].price").isEqualTo(89.90)
                .jsonPath("$[0].currency").isEqualTo("EUR")
                .jsonPath("$[0].available").isEqualTo(120)
                .jsonPath("$[0].reserved").isEqualTo(0)
                .jsonPath("$[0].sold").isEqualTo(0);
        http.get().uri("/api/products/P-1003").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("27\" 4K monitor");
    }

    @Test
    void publishesTheWholeCatalogOnStartup() {
        try (EventProbe probe = EventProbe.on(Topics.PRODUCT_SNAPSHOT)) {
            probe.await(ProductSnapshot.class, snapshot -> snapshot.productId().equals("P-1022"));

            Set<String> published = probe.received().stream()
                    .filter(received -> received.event() instanceof ProductSnapshot)
                    .map(received -> ((ProductSnapshot) received.event()).productId())
                    .collect(Collectors.toSet());
            assertThat(published).contains("P-1001", "P-1010", "P-1020", "P-1022").hasSizeGreaterThanOrEqualTo(22);
        }
    }
}
