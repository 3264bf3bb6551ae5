package dev.eventmart.support.deadletters;

import dev.eventmart.events.EventHeaders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads dead-letter topics with a short-lived consumer per request, assigned to the partitions it reads and never in a
 * consumer group: nothing is committed, no group rebalances, and the listeners' own consumers are untouched. Its
 * settings are the service's consumer settings (Spring Boot's {@code ConsumerFactory}: brokers, read-committed), without
 * the group, logged in as the dead-letter operator when the broker authenticates. A consumer per request is cheap next to an operator's pace, and holds nothing between requests.
 */
public class DeadLetterReader {

    /** The header a replay adds: how many times the record has been replayed, 1 for the first. */
    public static final String REPLAY_ATTEMPT_HEADER = "eventmart_replay_attempt";

    /** The header a replay adds: the dead letter it came from, {@code <topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM_HEADER = "eventmart_replayed_from";

    static final String FAILURE_HEADER_PREFIX = "kafka_dlt-";

    private final Map<String, Object> consumerConfig;
    private final String clientId;
    private final AtomicInteger consumersCreated = new AtomicInteger();
    private final Duration timeout;
    private final JsonMapper json;

    /** A reader with these consumer settings (the service's, see {@link DeadLetterProperties#asOperator}). */
    public DeadLetterReader(Map<String, Object> consumerSettings, Duration timeout, JsonMapper json) {
        Map<String, Object> config = new HashMap<>(consumerSettings);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.clientId = config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "eventmart") + "-dead-letters-";
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.consumerConfig = Map.copyOf(config);
        this.timeout = timeout;
        this.json = json;
    }

    /** Records held per partition of every dead-letter topic (end minus start offset). */
    public Map<String, Map<Integer, Long>> sizes(List<String> topics) {
        try (Consumer<String, byte[]> consumer = consumer(500)) {
            Map<String, Map<Integer, Long>> sizes = new LinkedHashMap<>();
            for (String topic : topics) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
                Map<Integer, Long> byPartition = new LinkedHashMap<>();
                partitions.forEach(partition -> byPartition.put(partition.partition(),
                        ends.get(partition) - starts.get(partition)));
                sizes.put(topic, byPartition);
            }
            return sizes;
        }
        catch (KafkaException ex) {
            throw new DeadLettersUnavailable(ex);
        }
    }

    /**
     * Up to {@code limit} records from {@code partition} at {@code offset} on (the earliest still held when
     * {@code null} or below it), continuing into the next partitions from their start when one runs out.
     */
    public Page page(String topic, Integer partition, Long offset, int limit) {
        try (Consumer<String, byte[]> consumer = consumer(limit)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            int first = partition == null ? 0 : partition;
            if (partitions.stream().noneMatch(candidate -> candidate.partition() == first)) {
                throw new DeadLetterNotFound(topic, first, offset == null ? 0 : offset);
            }
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Cursor next = null;
            for (TopicPartition current : partitions) {
                if (current.partition() < first) {
                    continue;
                }
                long from = starts.get(current);
                if (current.partition() == first && offset != null) {
                    from = Math.max(from, offset);
                }
                long end = ends.get(current);
                int wanted = limit - records.size();
                List<ConsumerRecord<String, byte[]>> read = read(consumer, current, from, end, wanted, record -> true);
                records.addAll(read);
                if (records.size() == limit) {
                    long after = read.isEmpty() ? from : read.getLast().offset() + 1;
                    if (after < end || hasRecordsAfter(current, partitions, starts, ends)) {
                        next = new Cursor(current.partition(), after);
                    }
                    break;
                }
            }
            return new Page(records, next);
        }
        catch (KafkaException ex) {
            throw new DeadLettersUnavailable(ex);
        }
    }

    /** The record at {@code partition} and {@code offset}; {@link DeadLetterNotFound} if the topic holds none there. */
    public ConsumerRecord<String, byte[]> one(String topic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = consumer(1)) {
            TopicPartition address = partitions(consumer, topic).stream()
                    .filter(candidate -> candidate.partition() == partition).findFirst()
                    .orElseThrow(() -> new DeadLetterNotFound(topic, partition, offset));
            long start = consumer.beginningOffsets(List.of(address), timeout).get(address);
            long end = consumer.endOffsets(List.of(address), timeout).get(address);
            if (offset < start || offset >= end) {
                throw new DeadLetterNotFound(topic, partition, offset);
            }
            return read(consumer, address, offset, offset + 1, 1, record -> true).stream()
                    .filter(record -> record.offset() == offset).findFirst()
                    .orElseThrow(() -> new DeadLetterNotFound(topic, partition, offset));
        }
        catch (KafkaException ex) {
            throw new DeadLettersUnavailable(ex);
        }
    }

    /**
     * Hands every record the topic holds now (up to its end offsets at the start) to {@code each}, partition by
     * partition, until it answers {@code false}; for "replay all", which so never holds more than a poll in memory.
     */
    public void forEach(String topic, Predicate<ConsumerRecord<String, byte[]>> each) {
        try (Consumer<String, byte[]> consumer = consumer(100)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                boolean[] going = { true };
                read(consumer, partition, starts.get(partition), ends.get(partition), Integer.MAX_VALUE, record -> {
                    going[0] = each.test(record);
                    return going[0];
                });
                if (!going[0]) {
                    return;
                }
            }
        }
        catch (KafkaException ex) {
            throw new DeadLettersUnavailable(ex);
        }
    }

    /** The record as an operator reads it. */
    public DeadLetterRecord view(ConsumerRecord<String, byte[]> record, DeadLetterRecord.Disposition disposition) {
        Headers headers = record.headers();
        DeadLetterRecord.Failure failure = new DeadLetterRecord.Failure(
                text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN), text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
                text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC), number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longNumber(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                instant(longNumber(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)));
        Map<String, String> originalHeaders = new LinkedHashMap<>();
        for (Header header : headers) {
            if (!header.key().startsWith(FAILURE_HEADER_PREFIX)) {
                originalHeaders.put(header.key(), textOrBase64(header.value()));
            }
        }
        Value value = value(record.value());
        DeadLetterRecord.Original original = new DeadLetterRecord.Original(record.key(),
                text(headers, EventHeaders.ID), text(headers, EventHeaders.TYPE), replayAttempt(headers),
                originalHeaders, value.value(), value.format());
        return new DeadLetterRecord(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), failure, original, disposition);
    }

    /** How many times the record had been replayed: its {@value #REPLAY_ATTEMPT_HEADER} header, 0 without one. */
    static int replayAttempt(Headers headers) {
        String attempt = text(headers, REPLAY_ATTEMPT_HEADER);
        if (attempt == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(attempt.strip()));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private Consumer<String, byte[]> consumer(int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(maxPollRecords, 500)));
        // One client id per consumer: two requests at once would otherwise register the same client's metrics twice.
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + consumersCreated.incrementAndGet());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /**
     * The records of one partition from {@code from} to before {@code end}, at most {@code max}, each offered to
     * {@code keepGoing} as read. Offsets may skip (a transaction marker takes one), so the end is the position
     * reached, not a count.
     */
    private List<ConsumerRecord<String, byte[]>> read(Consumer<String, byte[]> consumer, TopicPartition partition,
            long from, long end, int max, Predicate<ConsumerRecord<String, byte[]>> keepGoing) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        if (from >= end || max <= 0) {
            return records;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new DeadLettersUnavailable(new org.apache.kafka.common.errors.TimeoutException(
                        "reading " + partition + " from " + from + " to " + end));
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= end) {
                    return records;
                }
                records.add(record);
                if (!keepGoing.test(record)) {
                    return records;
                }
                if (records.size() >= max) {
                    return records;
                }
                // A long "replay all" reads for longer than one timeout: each record read renews it.
                deadline = System.nanoTime() + timeout.toNanos();
            }
        }
        return records;
    }

    private static boolean hasRecordsAfter(TopicPartition current, List<TopicPartition> partitions,
            Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        return partitions.stream().anyMatch(partition -> partition.partition() > current.partition()
                && ends.get(partition) > starts.get(partition));
    }

    private Value value(byte[] bytes) {
        if (bytes == null) {
            return new Value(null, "null");
        }
        String text = utf8(bytes);
        if (text == null) {
            return new Value(Base64.getEncoder().encodeToString(bytes), "base64");
        }
        try {
            return new Value(json.readTree(text), "json");
        }
        catch (JacksonException ex) {
            return new Value(text, "text");
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : textOrBase64(header.value());
    }

    private static Integer number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longNumber(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static String textOrBase64(byte[] bytes) {
        String text = utf8(bytes);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes as UTF-8 text, or {@code null} if they are not valid UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    /** A page of records and where the next one starts ({@code null}: nothing after them). */
    public record Page(List<ConsumerRecord<String, byte[]>> records, Cursor next) {
    }

    /** Where to read on from. */
    public record Cursor(int partition, long offset) {
    }

    private record Value(Object value, String format) {
    }
}
