package dev.eventmart.support.deadletters;

import dev.eventmart.events.EventHeaders;
import dev.eventmart.support.deadletters.DeadLetterAudit.Entry;
import dev.eventmart.support.deadletters.DeadLetterRecord.Action;
import dev.eventmart.support.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with a dead letter: replay it to the topic it came from, or discard it, each audited
 * ({@link DeadLetterAudit}) and each at most once per record.
 *
 * <p>A replay is the original record (key, value, headers) without the failure headers, plus
 * {@value DeadLetterReader#REPLAY_ATTEMPT_HEADER} (one more than the record carried) and
 * {@value DeadLetterReader#REPLAYED_FROM_HEADER}. Its partition is the key's, as for the original. Every consumer
 * group of the topic receives it again; each handler's inbox knows the event's id, so a group that had applied it
 * changes nothing, and only the one that failed it applies it now.
 *
 * <p>The audit row is inserted, then the record sent and its acknowledgement awaited, in one database transaction:
 * the row's unique index makes a second replay of the record (two operators at once, a double click) wait for the
 * first and then find it settled; a send that fails rolls the row back, so the record can be replayed again. This is
 * the one place a Kafka send happens inside a transaction, on purpose: the row is the claim on the record. Should the
 * commit fail after the broker took the record, the record is sent but not recorded, and a later replay sends it
 * again, which the inboxes absorb; the opposite order could record a replay that never happened.
 */
public class DeadLetterOperations {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final DeadLetterReader reader;
    private final DeadLetterAudit audit;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration timeout;
    private final int maxReplayAll;

    public DeadLetterOperations(DeadLetterReader reader, DeadLetterAudit audit, KafkaTemplate<String, byte[]> kafka,
            TransactionTemplate transactions, Clock clock, DeadLetterProperties properties) {
        this.reader = reader;
        this.audit = audit;
        this.kafka = kafka;
        this.transactions = transactions;
        this.clock = clock;
        this.timeout = properties.timeout();
        this.maxReplayAll = properties.maxReplayAll();
    }

    /** Replays one record; {@link DeadLetterAlreadySettled} if it was replayed or discarded before. */
    public Entry replay(String topic, int partition, long offset, Caller caller, String reason) {
        String source = DeadLetterTopics.sourceOf(topic);
        ConsumerRecord<String, byte[]> record = reader.one(topic, partition, offset);
        Entry replayed = replay(record, source, caller, reason);
        if (replayed == null) {
            throw alreadySettled(topic, partition, offset);
        }
        return replayed;
    }

    /**
     * Replays every record the topic holds now that was neither replayed nor discarded, up to
     * {@code eventmart.dead-letters.max-replay-all}, in the topic's order per partition.
     */
    public ReplayAll replayAll(String topic, Caller caller, String reason) {
        String source = DeadLetterTopics.sourceOf(topic);
        int[] counts = new int[2];
        boolean[] more = { false };
        reader.forEach(topic, record -> {
            if (counts[0] == maxReplayAll) {
                more[0] = audit.dispositionOf(topic, record.partition(), record.offset()).isEmpty();
                return !more[0];
            }
            if (replay(record, source, caller, reason) == null) {
                counts[1]++;
            }
            else {
                counts[0]++;
            }
            return true;
        });
        return new ReplayAll(topic, counts[0], counts[1], more[0]);
    }

    /** Discards one record with a reason; {@link DeadLetterAlreadySettled} if it was replayed or discarded before. */
    public Entry discard(String topic, int partition, long offset, Caller caller, String reason) {
        String source = DeadLetterTopics.sourceOf(topic);
        ConsumerRecord<String, byte[]> record = reader.one(topic, partition, offset);
        Entry discarded = entry(Action.DISCARDED, record, source, null, caller, reason);
        Boolean recorded = transactions.execute(status -> audit.record(discarded));
        if (!Boolean.TRUE.equals(recorded)) {
            throw alreadySettled(topic, partition, offset);
        }
        log.info("Dead letter {}-{}@{} (event {}) discarded by {}: {}", topic, partition, offset,
                discarded.eventId(), caller.subject(), reason);
        return discarded;
    }

    /** The record replayed and audited, or {@code null} if it was settled already. */
    private Entry replay(ConsumerRecord<String, byte[]> record, String source, Caller caller, String reason) {
        int attempt = DeadLetterReader.replayAttempt(record.headers()) + 1;
        Entry replayed = entry(Action.REPLAYED, record, source, attempt, caller, reason);
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(source, null, record.key(), record.value(),
                replayHeaders(record, attempt));
        Boolean sent = transactions.execute(status -> {
            if (!audit.record(replayed)) {
                return false;
            }
            try {
                kafka.send(again).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new DeadLettersUnavailable(ex);
            }
            catch (ExecutionException | TimeoutException | KafkaException ex) {
                throw new DeadLettersUnavailable(ex);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(sent)) {
            return null;
        }
        log.info("Dead letter {}-{}@{} (event {}) replayed to {} by {} (attempt {}){}", record.topic(),
                record.partition(), record.offset(), replayed.eventId(), source, caller.subject(), attempt,
                reason == null ? "" : ": " + reason);
        return replayed;
    }

    static Headers replayHeaders(ConsumerRecord<String, byte[]> record, int attempt) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            String key = header.key();
            if (!key.startsWith(DeadLetterReader.FAILURE_HEADER_PREFIX)
                    && !key.equals(DeadLetterReader.REPLAY_ATTEMPT_HEADER)
                    && !key.equals(DeadLetterReader.REPLAYED_FROM_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterReader.REPLAY_ATTEMPT_HEADER,
                Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterReader.REPLAYED_FROM_HEADER,
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private Entry entry(Action action, ConsumerRecord<String, byte[]> record, String source, Integer attempt,
            Caller caller, String reason) {
        return new Entry(action, record.topic(), record.partition(), record.offset(), source,
                header(record, EventHeaders.ID), header(record, EventHeaders.TYPE), record.key(), attempt,
                caller.subject(), reason, clock.instant());
    }

    private DeadLetterAlreadySettled alreadySettled(String topic, int partition, long offset) {
        return new DeadLetterAlreadySettled(topic, partition, offset,
                audit.dispositionOf(topic, partition, offset).orElseThrow());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * What "replay all" did.
     *
     * @param topic    the dead-letter topic
     * @param replayed records replayed now
     * @param skipped  records replayed or discarded before, left alone
     * @param more     whether unsettled records remain beyond this call's maximum: call again
     */
    public record ReplayAll(String topic, int replayed, int skipped, boolean more) {
    }
}
