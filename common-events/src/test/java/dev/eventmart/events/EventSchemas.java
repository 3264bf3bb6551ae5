package dev.eventmart.events;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of every event payload, generated from its record by victools' jsonschema-generator (with its
 * Jackson module, so Jackson annotations on a record count), set up to describe what {@link EventCodec} writes:
 * camelCase properties, ISO-8601 instants, UUIDs and decimals as strings, {@code null} where a field is not
 * {@link Required}, unknown properties allowed (consumers ignore them). The committed copies live in
 * {@code docs/events/schemas/<ce_type>-v<version>.json}.
 */
final class EventSchemas {

    /** Where the committed contracts live; tests run in the module's directory. */
    static final Path DOCS = Path.of(System.getProperty("events.docs", "../docs/events")).toAbsolutePath()
            .normalize();
    static final Path SCHEMAS = DOCS.resolve("schemas");

    /** Set by {@code -Devents.update=true}: write the generated schemas over the committed ones. */
    static final boolean UPDATE = Boolean.getBoolean("events.update");

    static final String REGENERATE = "./mvnw -pl common-events -am test -Dtest=EventSchemaTests "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Devents.update=true";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final SchemaGenerator GENERATOR = generator();

    private EventSchemas() {
    }

    static String fileName(EventType type) {
        return type.type() + "-v" + type.version() + ".json";
    }

    static Path file(EventType type) {
        return SCHEMAS.resolve(fileName(type));
    }

    /** The schema of an event type's payload, titled with its CloudEvents type and version. */
    static ObjectNode generate(EventType type) {
        ObjectNode schema = generate(type.payloadType());
        ObjectNode titled = JSON.createObjectNode();
        titled.set("$schema", schema.remove("$schema"));
        titled.put("title", type.payloadType().getSimpleName());
        titled.put("description", "Payload of CloudEvents type " + type.type() + ", schema version " + type.version()
                + ", on topic " + type.topic() + ".");
        titled.setAll(schema);
        return titled;
    }

    static ObjectNode generate(Class<?> payloadType) {
        return GENERATOR.generateSchema(payloadType);
    }

    static Optional<JsonNode> committed(EventType type) {
        Path file = file(type);
        return Files.exists(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
    }

    static void write(EventType type, JsonNode schema) {
        try {
            Files.createDirectories(SCHEMAS);
            Files.writeString(file(type), JSON.writeValueAsString(schema) + "\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file(type), ex);
        }
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.STANDARD_FORMATS)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
        config.forFields()
                .withRequiredCheck(EventSchemas::neverNull)
                .withNullableCheck(field -> !neverNull(field));
        // EventCodec writes BigDecimal in its string shape through a config override, which no annotation shows.
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            if (type.getErasedType() != BigDecimal.class) {
                return null;
            }
            ObjectNode decimal = context.getGeneratorConfig().createObjectNode()
                    .put("type", "string")
                    .put("description", "A decimal number as a string, e.g. \"19.99\"; never a binary float.");
            return new CustomDefinition(decimal, true);
        });
        return new SchemaGenerator(config.build());
    }

    private static boolean neverNull(FieldScope field) {
        return field.getType().isPrimitive() || field.getAnnotationConsideringFieldAndGetter(Required.class) != null;
    }
}
