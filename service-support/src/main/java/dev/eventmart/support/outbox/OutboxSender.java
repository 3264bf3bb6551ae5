package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.CloudEventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.core.KafkaOperations;

/** Sends a batch of outbox events to Kafka for {@link OutboxRelay} and tells the refused apart from the failed. */
final class OutboxSender {

    private final KafkaOperations<String, byte[]> kafka;
    private final Duration sendTimeout;

    OutboxSender(KafkaOperations<String, byte[]> kafka, Duration sendTimeout) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Sends every event and waits for all acknowledgements; returns the events Kafka refused for good, and throws if
     * any other send failed or timed out, so the batch rolls back and is retried whole.
     */
    List<Refused> send(List<StoredEvent> events) {
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            try {
                acks.add(kafka.send(CloudEventRecords.toRecord(event.topic(), event.metadata(), event.payload())));
            }
            catch (RuntimeException ex) {
                acks.add(CompletableFuture.failedFuture(ex));
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", ex);
            }
            catch (ExecutionException ex) {
                if (!refusedForGood(ex.getCause())) {
                    throw new IllegalStateException("Kafka did not acknowledge outbox event "
                            + events.get(i).metadata().id() + " (of " + events.size() + ")", ex.getCause());
                }
                refused.add(new Refused(events.get(i), ex.getCause()));
            }
            catch (TimeoutException ex) {
                throw new IllegalStateException("Kafka did not acknowledge " + events.size() + " outbox events within "
                        + sendTimeout, ex);
            }
        }
        return refused;
    }

    /**
     * Whether Kafka refused the record for what it is, so that sending it again can never succeed: larger than the
     * producer or broker takes, an invalid topic name or record, a payload that cannot be serialized. Everything
     * else (the broker away, timeouts, a missing topic or authorization an operator can still fix) is retried.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof InvalidRecordException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    record Refused(StoredEvent event, Throwable failure) {
    }
}
