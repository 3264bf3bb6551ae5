package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.support.messaging.Failures.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

/** The retry budget of each kind of failure, and what the recoverer lets through to the dead-letter topic. */
class ListenerErrorHandlersTests {

    private static final MessagingProperties.Retry RETRY = new MessagingProperties.Retry(4, Duration.ofMillis(200),
            2.0, Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final ConsumerRecord<String, byte[]> RECORD = new ConsumerRecord<>("order.order.cancelled", 1, 42,
            "order-1", new byte[0]);

    private final List<String> calls = new ArrayList<>();
    private final List<Exception> deadLettered = new ArrayList<>();
    private final ConsumerAwareRecordRecoverer recoverer = ListenerErrorHandlers.recoverer(
            (record, consumer, failure) -> {
                calls.add("dead-letter");
                deadLettered.add(failure);
            },
            (record, failure) -> calls.add("before dead-letter"));

    @Test
    void retriesATransientFailureWithoutEndAtMostTheCapApart() {
        BackOffExecution backOff = ListenerErrorHandlers.backOffFor(Kind.TRANSIENT, RETRY).start();

        long[] intervals = LongStream.range(0, 10_000).map(attempt -> backOff.nextBackOff()).toArray();

        assertThat(intervals).doesNotContain(BackOffExecution.STOP);
        assertThat(intervals).startsWith(200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000);
        assertThat(intervals[intervals.length - 1]).isEqualTo(30_000);
    }

    @Test
    void givesAFailureOfUnknownKindItsBoundedRetries() {
        BackOffExecution backOff = ListenerErrorHandlers.backOffFor(Kind.UNKNOWN, RETRY).start();

        assertThat(LongStream.range(0, 5).map(attempt -> backOff.nextBackOff()).toArray())
                .containsExactly(200, 400, 800, 1600, BackOffExecution.STOP);
    }

    @Test
    void retriesAPermanentFailureNever() {
        assertThat(ListenerErrorHandlers.backOffFor(Kind.PERMANENT, RETRY).start().nextBackOff())
                .isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void refusesToDeadLetterARecordWhoseLatestFailureIsTransient() {
        Exception databaseAway = inBatch(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        assertThatThrownBy(() -> recoverer.accept(RECORD, null, databaseAway))
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining("order.order.cancelled-1@42")
                .hasCause(databaseAway);
        assertThat(calls).isEmpty();
    }

    @Test
    void deadLettersWithTheRecordsOwnFailureAfterTheServicesHook() {
        UnreadableEvent unreadable = new UnreadableEvent("unknown event type x version 9");

        recoverer.accept(RECORD, null, inBatch(unreadable));

        assertThat(calls).containsExactly("before dead-letter", "dead-letter");
        assertThat(deadLettered).singleElement().satisfies(failure -> {
            assertThat(failure).isInstanceOf(ListenerExecutionFailedException.class);
            assertThat(failure.getCause()).isSameAs(unreadable);
        });
    }

    private static Exception inBatch(Exception failure) {
        return new ListenerExecutionFailedException("Listener failed",
                new BatchListenerFailedException("OrderCancelled failed", failure, 0));
    }
}
