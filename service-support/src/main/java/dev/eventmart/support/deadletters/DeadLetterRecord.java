package dev.eventmart.support.deadletters;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One record of a dead-letter topic as an operator reads it: where it is, why it failed ({@code kafka_dlt-*} headers),
 * the record as it was on its topic, and what was done with it since.
 *
 * @param topic       the dead-letter topic
 * @param partition   its partition there
 * @param offset      its offset there: with the partition, the record's address for replay and discard
 * @param timestamp   when it was dead-lettered
 * @param failure     the failure that dead-lettered it
 * @param original    the record as its producer wrote it
 * @param disposition whether it was replayed or discarded, by whom; {@code null} while it waits
 */
public record DeadLetterRecord(String topic, int partition, long offset, Instant timestamp, Failure failure,
        Original original, Disposition disposition) {

    /**
     * Why the record was dead-lettered, from Spring Kafka's {@code kafka_dlt-*} headers.
     *
     * @param exceptionClass    the exception the listener container reported
     * @param causeClass        the root of it, the one that decided the record's fate
     * @param message           its message
     * @param consumerGroup     the consumer group that failed it (every group of the topic gets the replay)
     * @param originalTopic     the topic it was read from
     * @param originalPartition its partition there
     * @param originalOffset    its offset there
     * @param originalTimestamp its timestamp there
     */
    public record Failure(String exceptionClass, String causeClass, String message, String consumerGroup,
            String originalTopic, Integer originalPartition, Long originalOffset, Instant originalTimestamp) {
    }

    /**
     * The record as it was first written.
     *
     * @param key           its key (the entity id)
     * @param eventId       the CloudEvents id ({@code ce_id}), which the consumers' inboxes know it by
     * @param eventType     the CloudEvents type ({@code ce_type})
     * @param replayAttempt how often it had been replayed before it failed this time ({@code eventmart_replay_attempt})
     * @param headers       every other header but the failure's, as text
     * @param value         the value: its JSON if it is JSON, else a string
     * @param valueFormat   {@code json}, {@code text} (not JSON, UTF-8) or {@code base64} (not text)
     */
    public record Original(String key, String eventId, String eventType, int replayAttempt,
            Map<String, String> headers,
            @Schema(description = "The value: a JSON value when valueFormat is json, else a string",
                    types = { "object", "array", "string", "number", "boolean" },
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Object value,
            String valueFormat) {
    }

    /**
     * What an operator did with the record.
     *
     * @param action what was done
     * @param by     who did it (the token's subject)
     * @param at     when
     * @param reason why, as they said
     */
    public record Disposition(Action action, String by, Instant at, String reason) {
    }

    /** What an operator may do with a dead letter. */
    public enum Action {
        /** Sent back to its topic, for every consumer group of it to process (their inboxes skip what they applied). */
        REPLAYED,
        /** Given up on, with a reason. */
        DISCARDED
    }
}
