package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.TraceContexts;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
     * Sends every event whose topic is not in {@code unavailable} and waits for all acknowledgements (until the send
     * timeout); tells what happened to each event. Events of an unavailable topic are not sent at all: their send
     * would only block for the producer's {@code max.block.ms} waiting for metadata, inside the relay's transaction.
     * Once a send fails synchronously, the rest of the batch is not sent either, for the same reason.
     */
    Outcome send(List<StoredEvent> events, Set<String> unavailable) {
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        Throwable stopped = null;
        for (StoredEvent event : events) {
            if (stopped != null) {
                acks.add(CompletableFuture.failedFuture(stopped));
            }
            else if (unavailable.contains(event.topic())) {
                acks.add(CompletableFuture.failedFuture(new TimeoutException("no metadata for topic " + event.topic()
                        + " (the broker does not know it, or does not answer)")));
            }
            else {
                // The stored trace context is current while the record is sent: the Kafka template's span, whose
                // context goes out in the record's traceparent header, is a child of the span that stored the event.
                try (Scope traced = TraceContexts.restore(event.traceContext())) {
                    acks.add(kafka.send(CloudEventRecords.toRecord(event.topic(), event.metadata(), event.payload())));
                }
                catch (RuntimeException ex) {
                    acks.add(CompletableFuture.failedFuture(ex));
                    if (!refusedForGood(ex)) {
                        stopped = ex;
                    }
                }
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Refused> refused = new ArrayList<>();
        List<Refused> failed = new ArrayList<>();
        int acknowledged = 0;
        for (int i = 0; i < events.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", ex);
            }
            catch (ExecutionException ex) {
                (refusedForGood(ex.getCause()) ? refused : failed).add(new Refused(events.get(i), ex.getCause()));
            }
            catch (TimeoutException ex) {
                failed.add(new Refused(events.get(i), new TimeoutException("Kafka did not acknowledge the event within "
                        + sendTimeout)));
            }
        }
        return new Outcome(acknowledged, refused, failed);
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

    /** An event Kafka did not take, and why. */
    record Refused(StoredEvent event, Throwable failure) {
    }

    /**
     * What became of a batch: how many events Kafka acknowledged, those it refused for good, and those that failed
     * for any other reason (the broker away, a timeout, a topic it does not know).
     */
    record Outcome(int acknowledged, List<Refused> refused, List<Refused> failed) {
    }
}
