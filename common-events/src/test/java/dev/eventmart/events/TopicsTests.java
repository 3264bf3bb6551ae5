package dev.eventmart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void everyEventTypeTravelsOnADeclaredTopic() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
    }

    @Test
    void topicNamesFollowServiceEntityAction() {
        assertThat(Topics.ALL).allMatch(topic -> topic.matches("[a-z]+\\.[a-z]+\\.[a-z]+"));
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertThat(Topics.allWithDeadLetters()).hasSize(Topics.ALL.size() * 2)
                .contains("order.order.placed", "order.order.placed.dlt");
        assertThat(Topics.isDeadLetter(Topics.deadLetterOf(Topics.ORDER_PLACED))).isTrue();
        assertThat(Topics.isDeadLetter(Topics.ORDER_PLACED)).isFalse();
    }

    @Test
    void cloudEventTypesAreUniqueAndNamespaced() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::type))
                .doesNotHaveDuplicates()
                .allMatch(type -> type.startsWith("dev.eventmart."));
    }
}
