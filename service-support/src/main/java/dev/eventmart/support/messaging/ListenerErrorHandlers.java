package dev.eventmart.support.messaging;

import dev.eventmart.events.Topics;
import dev.eventmart.support.messaging.Failures.Kind;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds the listener error handler of every service, record and batch listeners alike, acting on
 * {@link Failures}: a transient failure is redelivered with capped exponential backoff for as long as it takes
 * (the consumer waits on its partition, nothing is dead-lettered); a permanent one goes to {@code <topic>.dlt} on
 * its first failure; one of unknown kind after {@link MessagingProperties.Retry#maxRetries()} redeliveries. A
 * dead-letter record is the original byte for byte with its headers, plus the failure
 * ({@code kafka_dlt-exception-*}, original topic, partition and offset); then the consumer moves on. Offsets are
 * committed after processing.
 *
 * <p>The backoff is chosen by the failure a record first meets, and chosen again when a record listener's failure
 * changes type. A batch listener's failure always has the same outer type, so a record that first failed for an
 * unknown reason keeps its bounded budget when the database then goes away; when the budget is spent, the
 * recoverer refuses to dead-letter a failure that is transient by then, the record is delivered again and starts
 * over with the unbounded backoff. (The other way round, a record that keeps failing after the database came back,
 * now for an unknown reason, keeps being retried: its partition waits, which consumer lag shows, and nothing is
 * lost.)
 */
public final class ListenerErrorHandlers {

    private static final BackOff AT_ONCE = new FixedBackOff(0, 0);

    private ListenerErrorHandlers() {
    }

    public static DefaultErrorHandler deadLettering(KafkaOperations<?, ?> kafka, MessagingProperties.Retry retry) {
        return deadLettering(kafka, retry, (record, failure) -> {
        });
    }

    /**
     * As {@link #deadLettering(KafkaOperations, MessagingProperties.Retry)}, running {@code beforeDeadLetter} with
     * the record and its failure just before the record is dead-lettered. Should it throw, nothing is dead-lettered
     * and the record is delivered again.
     */
    public static DefaultErrorHandler deadLettering(KafkaOperations<?, ?> kafka, MessagingProperties.Retry retry,
            BiConsumer<ConsumerRecord<?, ?>, Exception> beforeDeadLetter) {
        // The partition is left to the key, so a dead-letter topic need not mirror its topic's partition count.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        BackOff untilItPasses = backOffFor(Kind.TRANSIENT, retry);
        BackOff bounded = backOffFor(Kind.UNKNOWN, retry);
        // The default backoff must retry: one that never does makes the handler skip the backoff function.
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer(deadLetters, beforeDeadLetter),
                untilItPasses);
        // Failures alone decides; Spring Kafka's own list of exceptions not to retry is part of it.
        errorHandler.setClassifications(Map.of(), true);
        errorHandler.setBackOffFunction((record, failure) -> switch (Failures.classify(failure)) {
            case TRANSIENT -> untilItPasses;
            case PERMANENT -> AT_ONCE;
            case UNKNOWN -> bounded;
        });
        return errorHandler;
    }

    static BackOff backOffFor(Kind kind, MessagingProperties.Retry retry) {
        return switch (kind) {
            case TRANSIENT -> {
                ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(),
                        retry.multiplier());
                backOff.setMaxInterval(retry.transientMaxInterval().toMillis());
                yield backOff;
            }
            case PERMANENT -> AT_ONCE;
            case UNKNOWN -> {
                ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
                backOff.setInitialInterval(retry.initialInterval().toMillis());
                backOff.setMultiplier(retry.multiplier());
                backOff.setMaxInterval(retry.maxInterval().toMillis());
                yield backOff;
            }
        };
    }

    /** Dead-letters what is not transient; the failure it reports is the record's own, not a batch wrapper. */
    static ConsumerAwareRecordRecoverer recoverer(ConsumerAwareRecordRecoverer deadLetters,
            BiConsumer<ConsumerRecord<?, ?>, Exception> beforeDeadLetter) {
        return (record, consumer, failure) -> {
            if (Failures.classify(failure) == Kind.TRANSIENT) {
                throw new KafkaException("Not dead-lettering " + KafkaUtils.format(record)
                        + ": its failure is transient; delivering it again", failure);
            }
            Exception recordFailure = withoutBatchWrapper(failure);
            beforeDeadLetter.accept(record, recordFailure);
            deadLetters.accept(record, consumer, recordFailure);
        };
    }

    /**
     * A batch listener reports its failing record with a {@link BatchListenerFailedException} around the real
     * failure; the recoverer only looks through the container's {@link ListenerExecutionFailedException}, so
     * without this the dead-letter headers would name the wrapper instead of what went wrong with the record.
     */
    static Exception withoutBatchWrapper(Exception exception) {
        if (exception instanceof ListenerExecutionFailedException listenerFailure
                && listenerFailure.getCause() instanceof BatchListenerFailedException batchFailure
                && batchFailure.getCause() != null) {
            return new ListenerExecutionFailedException(batchFailure.getMessage(), listenerFailure.getGroupId(),
                    batchFailure.getCause());
        }
        return exception;
    }
}
