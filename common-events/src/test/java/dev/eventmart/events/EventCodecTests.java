package dev.eventmart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.order.PaymentRequested;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTests {

    private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripsEveryEventUnchanged(EventType type) {
        DomainEvent event = EventSamples.of(type);
        assertThat(EventType.of(event)).isEqualTo(type);

        DomainEvent read = EventCodec.decode(type.type(), type.version(), EventCodec.encode(event));

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void writesCamelCaseFieldNames(EventType type) {
        List<String> fieldNames = new ArrayList<>();
        collectFieldNames(json(type), fieldNames);

        assertThat(fieldNames).isNotEmpty().allMatch(name -> name.matches("[a-z][a-zA-Z0-9]*"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void neverWritesMoneyAsFloatingPoint(EventType type) {
        List<JsonNode> floats = new ArrayList<>();
        collectFloatingPointNumbers(json(type), floats);

        assertThat(floats).isEmpty();
    }

    @Test
    void writesAmountsAsExactDecimalStrings() {
        JsonNode json = PLAIN_JSON.readTree(EventCodec.encode(EventSamples.of(EventType.PRODUCT_SNAPSHOT)));

        assertThat(json.get("price").get("amount").isString()).isTrue();
        assertThat(json.get("price").get("amount").asString()).isEqualTo("89.10");
        assertThat(json.get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(json.get("updatedAt").asString()).isEqualTo("2026-11-23T10:15:30.123456Z");
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        String json = """
                {"productId":"P-1","sku":"S-1","name":"Pen","category":"office",
                 "price":{"amount":"1.50","currency":"EUR"},"active":true,"version":3,
                 "updatedAt":"2026-11-23T10:00:00Z","colour":"blue"}""";

        ProductSnapshot snapshot = EventCodec.decode(ProductSnapshot.class, bytes(json));

        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.price()).isEqualTo(Money.of("1.50", "EUR"));
    }

    @Test
    void rejectsUnknownTypeOrVersion() {
        byte[] payload = EventCodec.encode(EventSamples.of(EventType.ORDER_PLACED));

        assertThatThrownBy(() -> EventCodec.decode("dev.eventmart.order.teleported", 1, payload))
                .isInstanceOf(UnreadableEvent.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventCodec.decode(EventType.ORDER_PLACED.type(), 99, payload))
                .isInstanceOf(UnreadableEvent.class).hasMessageContaining("version 99");
    }

    @Test
    void rejectsMalformedJsonAndMissingRequiredFields() {
        assertThatThrownBy(() -> EventCodec.decode(PaymentRequested.class, bytes("{not json")))
                .isInstanceOf(UnreadableEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(PaymentRequested.class, bytes("{\"customerId\":\"c\"}")))
                .isInstanceOf(UnreadableEvent.class).hasMessageContaining("orderId");
        assertThatThrownBy(() -> EventCodec.decode(PaymentRequested.class, new byte[0]))
                .isInstanceOf(UnreadableEvent.class);
    }

    private static JsonNode json(EventType type) {
        return PLAIN_JSON.readTree(EventCodec.encode(EventSamples.of(type)));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void collectFieldNames(JsonNode node, List<String> names) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            names.add(field.getKey());
            collectFieldNames(field.getValue(), names);
        }
        for (JsonNode element : node.values()) {
            if (!node.isObject()) {
                collectFieldNames(element, names);
            }
        }
    }

    private static void collectFloatingPointNumbers(JsonNode node, List<JsonNode> floats) {
        if (node.isFloatingPointNumber()) {
            floats.add(node);
        }
        for (JsonNode child : node.values()) {
            collectFloatingPointNumbers(child, floats);
        }
    }
}
