package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.EventCodec;
import dev.eventmart.events.UnreadableEvent;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockReserved;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a poll's records map to transactions, and which record a failure is pinned on. The effects of a handler are
 * collected per transaction and kept only when it commits, as a database would.
 */
class EventBatchesTests {

    private static final String TOPIC = "inventory.stock.reserved";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final RecordingTransactions transactions = new RecordingTransactions();
    private final EventBatches batches = new EventBatches(new TransactionTemplate(transactions));

    @Test
    void appliesAWholePollInOneTransaction() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1), reserved(2));

        batches.applyAll(poll, StockReserved.class, messages -> messages.forEach(
                message -> transactions.effect(message.event().orderId())));

        assertThat(transactions.committed).containsExactly(orderIds(poll, 0, 1, 2));
        assertThat(transactions.rolledBack).isZero();
    }

    @Test
    void appliesTheRecordsBeforeAnUnreadableOneAndPinsTheFailureOnIt() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1), unreadable(2), reserved(3));

        assertThatThrownBy(() -> batches.applyAll(poll, StockReserved.class, messages -> messages.forEach(
                message -> transactions.effect(message.event().orderId()))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(2);
                    assertThat(failure.getCause()).isInstanceOf(UnreadableEvent.class);
                });
        // Records 0 and 1 committed together; 3 is left for redelivery after the error handler deals with 2.
        assertThat(transactions.committed).containsExactly(orderIds(poll, 0, 1));
    }

    @Test
    void handsTheItemsBeforeAnUnconvertibleRecordToTheWorkAndPinsTheFailureOnThatRecord() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1), unreadable(2), reserved(3));
        List<UUID> handed = new ArrayList<>();

        assertThatThrownBy(() -> batches.each(poll, StockReserved.class, message -> message.event().orderId(),
                handed::addAll))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(2);
                    assertThat(failure.getCause()).isInstanceOf(UnreadableEvent.class);
                });
        assertThat(handed).containsExactly(orderIds(poll, 0, 1));

        handed.clear();
        assertThatThrownBy(() -> batches.<StockReserved, UUID>each(List.of(reserved(0), reserved(1)),
                StockReserved.class, message -> {
                    throw new UnreadableEvent("no customer id");
                }, handed::addAll)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failure -> assertThat(failure.getIndex()).isZero());
        assertThat(handed).isEmpty();
    }

    @Test
    void replaysAFailedBatchOneRecordPerTransactionAndPinsTheFailureOnTheRecordThatFailsAlone() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1), reserved(2));
        UUID failing = orderId(poll.get(1));

        assertThatThrownBy(() -> batches.applyAll(poll, StockReserved.class, messages -> messages.forEach(message -> {
            if (message.event().orderId().equals(failing)) {
                throw new IllegalStateException("database said no");
            }
            transactions.effect(message.event().orderId());
        }))).isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
            assertThat(failure.getIndex()).isEqualTo(1);
            assertThat(failure.getCause()).hasMessage("database said no");
        });
        // The batch rolled back, record 0 committed on its own, record 1 rolled back on its own.
        assertThat(transactions.committed).containsExactly(orderIds(poll, 0));
        assertThat(transactions.rolledBack).isEqualTo(2);
    }

    @Test
    void commitsEveryRecordWhenTheBatchFailedOnlyTogether() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1));
        int[] attempts = { 0 };

        // A failure of the batch as a whole (a deadlock with a concurrent batch, say) that does not repeat.
        batches.applyAll(poll, StockReserved.class, messages -> messages.forEach(message -> {
            if (attempts[0]++ == 1) {
                throw new IllegalStateException("deadlock detected");
            }
            transactions.effect(message.event().orderId());
        }));

        assertThat(transactions.committed).containsExactly(orderIds(poll, 0, 1));
        assertThat(transactions.rolledBack).isEqualTo(1);
    }

    @Test
    void preparesTheWholeBatchOnceOutsideTheTransactionAndHandsItOverWithItsItems() {
        List<ConsumerRecord<String, byte[]>> poll = List.of(reserved(0), reserved(1));
        List<List<UUID>> prepared = new ArrayList<>();
        List<List<UUID>> handled = new ArrayList<>();

        batches.applyAll(poll, StockReserved.class, messages -> {
            List<UUID> ids = messages.stream().map(message -> message.event().orderId()).toList();
            prepared.add(ids);
            return ids;
        }, (messages, ids) -> {
            handled.add(ids);
            ids.forEach(transactions::effect);
        });

        assertThat(prepared).containsExactly(List.of(orderIds(poll, 0, 1)));
        assertThat(handled).containsExactly(List.of(orderIds(poll, 0, 1)));
        assertThat(transactions.committed).containsExactly(orderIds(poll, 0, 1));
    }

    private static ConsumerRecord<String, byte[]> reserved(int offset) {
        StockReserved event = new StockReserved(UUID.randomUUID(), List.of(new StockLine("P-1001", 1)), NOW);
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord(TOPIC,
                EventMetadata.forNewEvent(event, "test", null, NOW), EventCodec.encode(event));
        return new ConsumerRecord<>(TOPIC, 0, offset, NOW.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                sent.key(), sent.value(), sent.headers(), java.util.Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> unreadable(int offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "poison", "{\"orderId\":".getBytes(StandardCharsets.UTF_8));
    }

    private static UUID orderId(ConsumerRecord<String, byte[]> record) {
        return UUID.fromString(record.key());
    }

    private static UUID[] orderIds(List<ConsumerRecord<String, byte[]>> poll, int... indexes) {
        return java.util.Arrays.stream(indexes).mapToObj(index -> orderId(poll.get(index))).toArray(UUID[]::new);
    }

    /** Keeps a transaction's effects only if it commits. */
    private static final class RecordingTransactions extends AbstractPlatformTransactionManager {

        final List<UUID> committed = new ArrayList<>();
        int rolledBack;
        private List<UUID> pending = new ArrayList<>();

        void effect(UUID orderId) {
            pending.add(orderId);
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            pending = new ArrayList<>();
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed.addAll(pending);
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack++;
        }
    }
}
