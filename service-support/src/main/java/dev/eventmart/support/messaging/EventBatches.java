package dev.eventmart.support.messaging;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.UnreadableEvent;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the records of one poll in one database transaction, for batch listeners
 * ({@code @KafkaListener(batch = "true")} taking {@code List<ConsumerRecord<String, byte[]>>}).
 *
 * <p>Why: every saga step is an idempotent effect plus an outbox row, and under load one transaction per record
 * spends most of its time on transaction overhead (begin, flush, commit, relay wake-up) rather than on the step.
 * A batch shares it, and Hibernate sends the batch's inserts and updates in JDBC batches. At low load a poll
 * returns one record, so nothing waits for a batch to fill. Spring Kafka offers batch listeners and per-record
 * failure handling ({@link BatchListenerFailedException}) but not this transaction shape, hence this class.
 *
 * <p>Failures keep the per-record semantics of the error handler: the records before a failing one are committed,
 * the failing one is retried with backoff and then dead-lettered, and the ones after it are redelivered.
 * <ul>
 * <li>A record that cannot be decoded ends the batch there: the records before it are applied, then
 * {@link UnreadableEvent} is reported for it (not retried: straight to the dead-letter topic).</li>
 * <li>When the batch transaction fails (a bad record, a deadlock between concurrent batches), it is rolled back
 * and the records are applied again one transaction each; the first that fails alone is the one reported.</li>
 * </ul>
 *
 * <p>Each event a step stores while it handles the batch continues the trace of the record with its correlation id
 * ({@link TraceContexts#inBatch}): Spring Kafka has no current span inside a batch listener.
 */
public class EventBatches {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final TransactionTemplate transactions;
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    public EventBatches(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * Hands the whole batch to {@code handler} at once, in one transaction, for a step written set-based: one
     * statement marks the batch's events processed ({@link ProcessedEvents#markAllProcessed}), one takes its locks,
     * one makes each kind of change, one stores the replies ({@code Outbox.addAll}). A handful of round trips to
     * PostgreSQL per poll instead of several per event is what makes a batch cheap. {@code handler} must handle the
     * events in the order given (per key, the order of the topic) and may be called with any sublist: if the batch
     * fails, each event is handed over alone, in a transaction of its own, to find the one that fails.
     */
    public <T extends DomainEvent> void applyAll(List<ConsumerRecord<String, byte[]>> records, Class<T> type,
            Consumer<List<EventMessage<T>>> handler) {
        applyAll(records, type, messages -> messages.stream().map(message -> (Void) null).toList(),
                (messages, nothing) -> handler.accept(messages));
    }

    /**
     * As {@link #applyAll(List, Class, Consumer)}, after {@code prepare} ran once for the whole batch outside any
     * transaction (calls to another system that must not hold database locks), answering one item per event, in
     * order; {@code handler} gets the events with their items, the whole batch or, to find a failing one, each
     * event alone.
     */
    public <T extends DomainEvent, P> void applyAll(List<ConsumerRecord<String, byte[]>> records, Class<T> type,
            Function<List<EventMessage<T>>, List<P>> prepare, BiConsumer<List<EventMessage<T>>, List<P>> handler) {
        List<EventMessage<T>> messages = new ArrayList<>(records.size());
        Map<String, String> traces = new HashMap<>();
        RuntimeException failure = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                messages.add(traced(decode(record, type), record, traces));
            }
            catch (RuntimeException ex) {
                failure = ex;
                break;
            }
        }
        List<Prepared<T, P>> ready = new ArrayList<>(messages.size());
        if (!messages.isEmpty()) {
            List<P> prepared;
            try {
                prepared = prepare.apply(messages);
            }
            catch (RuntimeException ex) {
                // Nothing applied yet: the first record is retried (or dead-lettered) as the error handler decides.
                throw new BatchListenerFailedException(describe(records.getFirst()), ex, 0);
            }
            for (int i = 0; i < messages.size(); i++) {
                ready.add(new Prepared<>(messages.get(i), prepared.get(i)));
            }
        }
        try (Scope traced = TraceContexts.inBatch(traces)) {
            commitAll(ready, items -> handler.accept(items.stream().map(Prepared::message).toList(),
                    items.stream().map(Prepared::prepared).toList()));
        }
        if (failure != null) {
            throw new BatchListenerFailedException(describe(records.get(messages.size())), failure, messages.size());
        }
    }

    /**
     * For a batch listener that runs its own transactions, such as one that calls another system between two of them:
     * turns each record into a {@code U} with {@code toItem} (decoding it first), hands the items of the records
     * before the first one that fails to {@code work}, then reports that record as unreadable (straight to the
     * dead-letter topic). {@code work} reports a failing item itself with a {@link BatchListenerFailedException} at
     * its index in the list, which is the record's index in the batch.
     */
    public <T extends DomainEvent, U> void each(List<ConsumerRecord<String, byte[]>> records, Class<T> type,
            Function<EventMessage<T>, U> toItem, Consumer<List<U>> work) {
        List<U> items = new ArrayList<>(records.size());
        Map<String, String> traces = new HashMap<>();
        RuntimeException failure = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                items.add(toItem.apply(traced(decode(record, type), record, traces)));
            }
            catch (RuntimeException ex) {
                failure = ex;
                break;
            }
        }
        if (!items.isEmpty()) {
            try (Scope traced = TraceContexts.inBatch(traces)) {
                work.accept(items);
            }
        }
        if (failure != null) {
            throw new BatchListenerFailedException(describe(records.get(items.size())), failure, items.size());
        }
    }

    /**
     * Runs {@code work} on all {@code ready} items in one transaction; if that fails, on each item alone in a
     * transaction of its own, in order, so the first that fails alone is reported at its index.
     */
    private <T extends DomainEvent, P> void commitAll(List<Prepared<T, P>> ready, Consumer<List<Prepared<T, P>>> work) {
        if (ready.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> work.accept(ready));
            return;
        }
        catch (RuntimeException batchFailure) {
            if (ready.size() == 1) {
                throw new BatchListenerFailedException(describe(ready.getFirst()), batchFailure, 0);
            }
            log.info("A batch of {} events failed ({}); applying them one by one", ready.size(), batchFailure.toString());
        }
        for (int index = 0; index < ready.size(); index++) {
            Prepared<T, P> item = ready.get(index);
            try {
                transactions.executeWithoutResult(status -> work.accept(List.of(item)));
            }
            catch (RuntimeException ex) {
                throw new BatchListenerFailedException(describe(item), ex, index);
            }
        }
    }

    private <T extends DomainEvent> EventMessage<T> decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        EventMessage<DomainEvent> message = deserializer.read(record.headers(), record.value());
        DomainEvent event = message == null ? null : message.event();
        if (!type.isInstance(event)) {
            throw new UnreadableEvent("listener on " + record.topic() + " expects " + type.getSimpleName()
                    + " but the record holds " + (event == null ? "nothing" : event.getClass().getSimpleName()));
        }
        return new EventMessage<>(message.metadata(), type.cast(event));
    }

    /**
     * Notes the trace context {@code record} carries under the message's correlation id, for the events the step
     * stores in reply ({@link TraceContexts#inBatch}).
     */
    private static <T extends DomainEvent> EventMessage<T> traced(EventMessage<T> message,
            ConsumerRecord<String, byte[]> record, Map<String, String> traces) {
        String correlationId = message.metadata().correlationId();
        if (correlationId != null) {
            String context = TraceContexts.of(record.headers());
            if (context != null) {
                traces.put(correlationId, context);
            }
        }
        return message;
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return "record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " failed";
    }

    private static String describe(Prepared<?, ?> item) {
        return item.message().metadata().type() + " " + item.message().metadata().id() + " failed";
    }

    private record Prepared<T extends DomainEvent, P>(EventMessage<T> message, P prepared) {
    }
}
