package dev.eventmart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Keeps {@code docs/events/asyncapi.yaml} in step with the code: every topic and dead-letter topic is a channel,
 * every event type a message on its topic's channel with its CloudEvents type, version and committed schema.
 */
class AsyncApiDocumentTests {

    private static final JsonNode DOCUMENT = YAMLMapper.builder().build()
            .readTree(EventSchemas.DOCS.resolve("asyncapi.yaml").toFile());

    @Test
    void isAnAsyncApi3DocumentWithChannelsOperationsAndMessages() {
        assertThat(DOCUMENT.path("asyncapi").asString()).startsWith("3.");
        assertThat(DOCUMENT.path("info").path("title").asString()).isNotBlank();
        assertThat(DOCUMENT.path("info").path("version").asString()).isNotBlank();
        assertThat(DOCUMENT.path("channels").isObject()).isTrue();
        assertThat(DOCUMENT.path("operations").isObject()).isTrue();
        assertThat(DOCUMENT.path("components").path("messages").isObject()).isTrue();
    }

    @Test
    void listsEveryTopicAndItsDeadLetterTopic() {
        List<String> addresses = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));

        assertThat(addresses).containsAll(Topics.allWithDeadLetters());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void describesEveryEventTypeOnItsTopicWithItsCommittedSchema(EventType type) {
        String name = type.payloadType().getSimpleName();
        JsonNode message = DOCUMENT.path("components").path("messages").path(name);
        assertThat(message.isObject()).as("components.messages.%s", name).isTrue();

        assertThat(message.path("title").asString()).isEqualTo(type.type());
        JsonNode headers = message.path("headers").path("allOf").path(1).path("properties");
        assertThat(headers.path(EventHeaders.TYPE).path("const").asString()).isEqualTo(type.type());
        assertThat(headers.path(EventHeaders.SCHEMA_VERSION).path("const").asString())
                .isEqualTo(String.valueOf(type.version()));
        String schema = message.path("payload").path("schema").path("$ref").asString();
        assertThat(schema).isEqualTo("schemas/" + EventSchemas.fileName(type));
        assertThat(EventSchemas.DOCS.resolve(schema)).exists();

        assertThat(channelsCarrying(name)).as("channels carrying %s", name).containsExactly(type.topic());
    }

    @Test
    void theHeadersAreTheCloudEventsAttributesTheProducersWrite() {
        JsonNode headers = DOCUMENT.path("components").path("schemas").path("CloudEventHeaders");
        Set<String> written = Set.of(EventHeaders.SPEC_VERSION, EventHeaders.ID, EventHeaders.TYPE,
                EventHeaders.SOURCE, EventHeaders.TIME, EventHeaders.SUBJECT, EventHeaders.SCHEMA_VERSION,
                EventHeaders.CORRELATION_ID, EventHeaders.CONTENT_TYPE);

        assertThat(headers.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(headers.path("properties").path(EventHeaders.SPEC_VERSION).path("const").asString())
                .isEqualTo(EventHeaders.CLOUDEVENTS_SPEC_VERSION);
        assertThat(headers.path("properties").path(EventHeaders.CONTENT_TYPE).path("const").asString())
                .isEqualTo(EventHeaders.JSON_CONTENT_TYPE);
    }

    @Test
    void everyTopicHasAProducerAndEveryOperationAChannelOfTheDocument() {
        List<String> sent = new ArrayList<>();
        for (JsonNode operation : DOCUMENT.path("operations")) {
            String channel = operation.path("channel").path("$ref").asString();
            assertThat(channel).startsWith("#/channels/");
            JsonNode target = DOCUMENT.at(channel.substring(1));
            assertThat(target.isObject()).as(channel).isTrue();
            assertThat(operation.path("action").asString()).isIn("send", "receive");
            if (operation.path("action").asString().equals("send")) {
                sent.add(target.path("address").asString());
            }
        }

        assertThat(sent).containsAll(Topics.ALL);
    }

    private static List<String> channelsCarrying(String messageName) {
        List<String> topics = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channel -> {
            if (channel.path("messages").has(messageName)) {
                topics.add(channel.path("address").asString());
            }
        });
        return topics;
    }
}
