package dev.eventmart.support.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a dead letter reads to an operator ({@link DeadLetterReader#view}) and what its replay carries
 * ({@link DeadLetterOperations#replayHeaders}): the failure from Spring Kafka's {@code kafka_dlt-*} headers, binary
 * ones decoded; the original headers without them; the value as JSON, text or base64; the attempt counted on.
 */
class DeadLetterRecordsTests {

    private static final String DLT = Topics.deadLetterOf(Topics.STOCK_RESERVED);

    private final DeadLetterReader reader = new DeadLetterReader(Map.of(),
            Duration.ofSeconds(1), JsonMapper.builder().build());

    @Test
    void readsTheFailureAndTheOriginalRecordOfADeadLetter() {
        ConsumerRecord<String, byte[]> record = deadLetter("{\"orderId\":\"o-1\",\"lines\":[]}".getBytes(
                StandardCharsets.UTF_8), headers(2));

        DeadLetterRecord view = reader.view(record, null);

        assertThat(view.topic()).isEqualTo(DLT);
        assertThat(view.offset()).isEqualTo(7);
        assertThat(view.failure()).isEqualTo(new DeadLetterRecord.Failure("org.example.Outer", "org.example.Root",
                "it broke", "order-service.saga-replies", Topics.STOCK_RESERVED, 2, 41L,
                Instant.ofEpochMilli(1_700_000_000_000L)));
        assertThat(view.original().key()).isEqualTo("o-1");
        assertThat(view.original().eventId()).isEqualTo("e-1");
        assertThat(view.original().replayAttempt()).isEqualTo(2);
        assertThat(view.original().headers()).containsOnlyKeys("ce_id", "eventmart_replay_attempt");
        assertThat(view.original().valueFormat()).isEqualTo("json");
        assertThat(((JsonNode) view.original().value()).get("orderId").asString()).isEqualTo("o-1");
        assertThat(view.disposition()).isNull();
    }

    @Test
    void showsAValueThatIsNotJsonAsTextAndOneThatIsNotTextAsBase64() {
        assertThat(reader.view(deadLetter("not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders()), null)
                .original()).extracting(DeadLetterRecord.Original::value, DeadLetterRecord.Original::valueFormat)
                .containsExactly("not json", "text");
        assertThat(reader.view(deadLetter(new byte[] { (byte) 0xff, 0x00 }, new RecordHeaders()), null).original())
                .extracting(DeadLetterRecord.Original::value, DeadLetterRecord.Original::valueFormat)
                .containsExactly("/wA=", "base64");
    }

    @Test
    void replaysTheOriginalHeadersWithoutTheFailureAndTheNextAttempt() {
        ConsumerRecord<String, byte[]> record = deadLetter(new byte[0], headers(2));

        Headers replayed = DeadLetterOperations.replayHeaders(record, 3);

        assertThat(replayed.toArray()).extracting(Header::key)
                .containsExactly("ce_id", "eventmart_replay_attempt", "eventmart_replayed_from");
        assertThat(text(replayed, "eventmart_replay_attempt")).isEqualTo("3");
        assertThat(text(replayed, "eventmart_replayed_from")).isEqualTo(DLT + "-1@7");
        assertThat(DeadLetterReader.replayAttempt(replayed)).isEqualTo(3);
        assertThat(DeadLetterReader.replayAttempt(new RecordHeaders())).isZero();
    }

    @Test
    void acceptsOnlyEventMartDeadLetterTopicsAndReplaysToTheirOwnTopic() {
        assertThat(DeadLetterTopics.sourceOf(DLT)).isEqualTo(Topics.STOCK_RESERVED);
        assertThat(DeadLetterTopics.all()).hasSize(Topics.ALL.size()).allMatch(Topics::isDeadLetter);
        for (String other : new String[] { Topics.STOCK_RESERVED, "analytics-service-streams.dlt", "x.dlt", "" }) {
            assertThatThrownBy(() -> DeadLetterTopics.sourceOf(other)).isInstanceOf(DeadLetterTopicUnknown.class);
        }
    }

    @Test
    void storesWhatPostgresqlCanHoldOfAKey() {
        assertThat(DeadLetterAudit.storable("a\u0000b", 10)).isEqualTo("a\uFFFDb");
        assertThat(DeadLetterAudit.storable("abcdef", 3)).isEqualTo("abc");
        assertThat(Optional.ofNullable(DeadLetterAudit.storable(null, 3))).isEmpty();
    }

    private static RecordHeaders headers(int attempt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", utf8("e-1"));
        headers.add("eventmart_replay_attempt", utf8(Integer.toString(attempt)));
        headers.add("kafka_dlt-exception-fqcn", utf8("org.example.Outer"));
        headers.add("kafka_dlt-exception-cause-fqcn", utf8("org.example.Root"));
        headers.add("kafka_dlt-exception-message", utf8("it broke"));
        headers.add("kafka_dlt-exception-stacktrace", utf8("at org.example.Root"));
        headers.add("kafka_dlt-original-consumer-group", utf8("order-service.saga-replies"));
        headers.add("kafka_dlt-original-topic", utf8(Topics.STOCK_RESERVED));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(2).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(41).array());
        headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(Long.BYTES).putLong(1_700_000_000_000L)
                .array());
        return headers;
    }

    private static ConsumerRecord<String, byte[]> deadLetter(byte[] value, Headers headers) {
        return new ConsumerRecord<>(DLT, 1, 7, 1_700_000_001_000L, TimestampType.CREATE_TIME, 3, value.length, "o-1",
                value, headers, Optional.empty());
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
