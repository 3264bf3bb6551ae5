package dev.eventmart.support.deadletters;

import dev.eventmart.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dead-letter topics the API accepts, EventMart's {@code <topic>.dlt}, and the topic each one's records came from.
 * A record is replayed to that topic whatever its {@code kafka_dlt-original-topic} header says: a header is data, and
 * the API must not become a way to write to any topic.
 */
public final class DeadLetterTopics {

    private static final Map<String, String> SOURCES = Topics.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Topics::deadLetterOf, Function.identity()));

    private DeadLetterTopics() {
    }

    /** Every dead-letter topic, in {@link Topics#ALL}'s order. */
    public static List<String> all() {
        return Topics.ALL.stream().map(Topics::deadLetterOf).toList();
    }

    /** The topic whose dead letters {@code deadLetterTopic} holds; {@link DeadLetterTopicUnknown} for any other name. */
    public static String sourceOf(String deadLetterTopic) {
        String source = SOURCES.get(deadLetterTopic);
        if (source == null) {
            throw new DeadLetterTopicUnknown(deadLetterTopic);
        }
        return source;
    }
}
