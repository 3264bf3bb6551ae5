package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.CloudEventRecords;
import dev.eventmart.support.messaging.EventMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes stored outbox events to Kafka and deletes them once Kafka has acknowledged them.
 *
 * <p>Written here rather than taken from Spring Modulith's event publication registry because we need what it
 * does not promise: per-key order across concurrent transactions (events go out in commit-sequence order) and
 * safe publishing with several instances. Each batch runs in a transaction that first takes a PostgreSQL
 * advisory lock for this schema, so one relay at a time publishes a schema's outbox, in id order; others skip and
 * try again. A batch whose sends fail rolls back and is sent again (consumers are idempotent; duplicates, never
 * loss). The relay wakes right after each commit ({@link Outbox}) and also polls, for events committed by another
 * instance or left over from a crash.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaOperations<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Counter published;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("eventmart.outbox.published")
                .description("Outbox events published to Kafka").register(meters);
    }

    /** Asks the relay to publish now; cheap, and safe to call from any thread. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(Duration.ofSeconds(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = properties.retryInterval();
        while (running) {
            try {
                while (running && publishBatch() == properties.batchSize()) {
                    // a full batch: more may be waiting
                }
                backoff = properties.retryInterval();
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Publishing the outbox failed, retrying in {}: {}", backoff, ex.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxRetryInterval()) > 0
                        ? properties.maxRetryInterval() : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Publishes one batch; returns how many events it published (0 if another instance holds the lock).
     *
     * <p>One statement takes this schema's relay lock and removes the batch, handing back its rows; the rows come
     * back if Kafka does not acknowledge them all, because the transaction then rolls back. Taking the lock, reading
     * and deleting as three statements cost three round trips to PostgreSQL per batch, and at moderate load most
     * batches hold one event.
     */
    int publishBatch() {
        Integer count = transactions.execute(status -> {
            List<StoredEvent> events = jdbc.sql("""
                    with relay_lock as (
                        select pg_try_advisory_xact_lock(hashtext('eventmart.outbox.' || current_schema())) as held)
                    delete from outbox_event
                    where (select held from relay_lock)
                      and id in (select id from outbox_event order by id limit :limit)
                    returning id, event_id, topic, event_key, event_type, schema_version, source, correlation_id,
                              occurred_at, payload""")
                    .param("limit", properties.batchSize())
                    .query((row, n) -> new StoredEvent(row.getLong("id"), row.getString("topic"),
                            new EventMetadata(row.getObject("event_id", UUID.class), row.getString("event_type"),
                                    row.getInt("schema_version"), row.getString("source"),
                                    row.getTimestamp("occurred_at").toInstant(), row.getString("event_key"),
                                    row.getString("correlation_id")),
                            row.getBytes("payload")))
                    .list();
            if (events.isEmpty()) {
                return 0;
            }
            // RETURNING promises no order; events go out in the order they were stored.
            List<StoredEvent> inOrder = new ArrayList<>(events);
            inOrder.sort(Comparator.comparingLong(StoredEvent::id));
            send(inOrder);
            return inOrder.size();
        });
        int sent = count == null ? 0 : count;
        published.increment(sent);
        return sent;
    }

    private void send(List<StoredEvent> events) {
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            acks.add(kafka.send(CloudEventRecords.toRecord(event.topic(), event.metadata(), event.payload())));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Kafka did not acknowledge " + events.size() + " outbox events", ex);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private record StoredEvent(long id, String topic, EventMetadata metadata, byte[] payload) {
    }
}
