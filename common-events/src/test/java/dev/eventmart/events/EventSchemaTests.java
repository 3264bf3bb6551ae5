package dev.eventmart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guards the published event contracts in {@code docs/events/schemas}: each is what its record generates, and a
 * change to a record that would break a consumer of the same schema version is refused, even when regenerating.
 */
class EventSchemaTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void committedSchemaIsTheOneTheRecordGenerates(EventType type) {
        ObjectNode generated = EventSchemas.generate(type);
        Optional<JsonNode> committed = EventSchemas.committed(type);
        committed.ifPresent(schema -> assertCompatible(type, schema, generated));

        if (EventSchemas.UPDATE) {
            EventSchemas.write(type, generated);
            return;
        }
        assertThat(committed)
                .as("%s has no committed schema %s. Generate it with%n  %s%nand commit it.", type.type(),
                        EventSchemas.file(type), EventSchemas.REGENERATE)
                .isPresent();
        assertThat(generated)
                .as("%s: the record %s no longer generates the committed %s. The change is backward compatible; "
                        + "regenerate with%n  %s%nand commit the schema with the record.", type.type(),
                        type.payloadType().getSimpleName(), EventSchemas.file(type), EventSchemas.REGENERATE)
                .isEqualTo(committed.get());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordStaysBackwardCompatibleWithItsCommittedSchema(EventType type) {
        Optional<JsonNode> committed = EventSchemas.committed(type);
        assumeThat(committed).as("a new event type has nothing to stay compatible with").isPresent();

        assertCompatible(type, committed.get(), EventSchemas.generate(type));
    }

    @Test
    void everyCommittedSchemaBelongsToAnEventType() throws IOException {
        Set<String> expected = Arrays.stream(EventType.values()).map(EventSchemas::fileName)
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(EventSchemas.SCHEMAS)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("schemas in %s without an EventType: delete one only when no consumer reads that version "
                            + "any more", EventSchemas.SCHEMAS)
                    .isNotEmpty()
                    .allMatch(expected::contains);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void codecWritesWhatTheSchemaDescribes(EventType type) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(EventSchemas.generate(type).toString(), InputFormat.JSON);
        String payload = new String(EventCodec.encode(EventSamples.of(type)), StandardCharsets.UTF_8);

        List<Error> errors = schema.validate(payload, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));

        assertThat(errors).as("payload %s", payload).isEmpty();
    }

    /**
     * The schema's {@code required} must be the truth the codec enforces: a payload without a required field, or
     * with it null, cannot be read; one without an optional field, or with it null, can. Checked on every object in
     * the sample payload, nested ones included.
     */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void requiredFieldsAreExactlyTheOnesTheCodecCannotDoWithout(EventType type) {
        ObjectNode schema = EventSchemas.generate(type);
        JsonNode payload = JSON.readTree(EventCodec.encode(EventSamples.of(type)));
        List<String> mismatches = new ArrayList<>();

        probe(type, schema, schema, payload, "", mismatches);

        assertThat(mismatches).isEmpty();
    }

    private static void probe(EventType type, JsonNode root, JsonNode schemaNode, JsonNode payload, String pointer,
            List<String> mismatches) {
        JsonNode schema = resolve(root, schemaNode);
        JsonNode value = payload.at(pointer);
        if (value.isArray() && !value.isEmpty() && schema.has("items")) {
            probe(type, root, schema.get("items"), payload, pointer + "/0", mismatches);
            return;
        }
        if (!value.isObject() || !schema.has("properties")) {
            return;
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (String name : schema.get("properties").propertyNames()) {
            String property = pointer + "/" + name;
            boolean readableWhenNull = readable(type, with(payload, pointer, object -> object.putNull(name)));
            boolean readableWhenAbsent = readable(type, with(payload, pointer, object -> object.remove(name)));
            if (readableWhenNull == required.contains(name) || readableWhenAbsent == required.contains(name)) {
                mismatches.add(property + ": required in the schema " + required.contains(name)
                        + ", readable when null " + readableWhenNull + ", when absent " + readableWhenAbsent);
            }
            if (value.has(name)) {
                probe(type, root, schema.get("properties").get(name), payload, property, mismatches);
            }
        }
    }

    private static JsonNode with(JsonNode payload, String pointer, Consumer<ObjectNode> change) {
        JsonNode copy = payload.deepCopy();
        change.accept((ObjectNode) copy.at(pointer));
        return copy;
    }

    private static boolean readable(EventType type, JsonNode payload) {
        try {
            EventCodec.decode(type.payloadType(), JSON.writeValueAsBytes(payload));
            return true;
        }
        catch (UnreadableEvent ex) {
            return false;
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode resolved = node;
        if (resolved.has("anyOf")) {
            for (JsonNode option : (ArrayNode) resolved.get("anyOf")) {
                if (!"null".equals(option.path("type").asString(null))) {
                    resolved = option;
                }
            }
        }
        return resolved.has("$ref") ? root.at(resolved.get("$ref").asString().substring(1)) : resolved;
    }

    private static void assertCompatible(EventType type, JsonNode committed, JsonNode generated) {
        List<String> breaking = SchemaCompatibility.breakingChanges(committed, generated);
        assertThat(breaking)
                .as("%s v%d: the record %s is no longer backward compatible with the committed %s. Consumers of "
                        + "this version would fail on events written before or after the change, so regenerating "
                        + "cannot accept it. Keep %s as it is and add a new schema version instead: a new record and "
                        + "a new EventType constant for %s with version %d, published side by side, with consumers "
                        + "handling both versions until no event of the old one is left on %s.",
                        type.type(), type.version(), type.payloadType().getSimpleName(), EventSchemas.file(type),
                        type.payloadType().getSimpleName(), type.type(), type.version() + 1, type.topic())
                .isEmpty();
    }
}
