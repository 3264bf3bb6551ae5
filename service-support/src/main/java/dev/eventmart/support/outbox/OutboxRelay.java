package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.EventMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
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
 *
 * <p>What cannot jam it: an event Kafka refuses for what it is ({@link OutboxSender#refusedForGood}: too large, an invalid
 * topic) is moved to {@code outbox_parked} with the error, counted ({@code eventmart.outbox.parked}) and logged,
 * and the rest of its batch goes out; any other failure (broker away, timeouts, no authorization yet) retries the
 * batch with backoff until it passes, and {@link OutboxStatus} shows the backlog growing. The relay thread outlives
 * any exception or error but the JVM's own. It stops after the listeners and the web server have drained
 * ({@link #getPhase()}) and publishes what they committed before it ends.
 *
 * <p>The outbox is a queue table: every event is one insert and one delete, so it is mostly dead rows unless they
 * are vacuumed often, and each batch's {@code order by id limit} then walks past all of them (measured: about 800
 * buffer visits to take 12 rows with 18,000 dead ones). Autovacuum's defaults come far too seldom for such a table
 * (a minute's nap, 20 % of the table), and a server may run without it. So the relay vacuums its table itself after
 * every {@link OutboxProperties#vacuumAfter} events it published: a few pages, about a millisecond.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxSender sender;
    private final ParkedEvents parkedEvents;
    private final OutboxProperties properties;
    private final Counter published;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private long publishedSinceVacuum;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.sender = new OutboxSender(kafka, properties.sendTimeout());
        this.published = Counter.builder("eventmart.outbox.published")
                .description("Outbox events published to Kafka").register(meters);
        this.parkedEvents = new ParkedEvents(jdbc, meters);
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

    /** Stops polling, then publishes what is still in the outbox (for at most the send timeout). */
    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(Duration.ofSeconds(10));
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            while (System.nanoTime() < deadline && publishBatch() == properties.batchSize()) {
                // drain what the listeners and requests committed while the context was stopping
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish the rest of the outbox on shutdown; the next start publishes it: {}",
                    ex.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Later than the web server's graceful shutdown and the Kafka listener containers (which stop at higher
     * phases), so the events their last requests and records commit are still published on the way down.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void run() {
        Duration backoff = properties.retryInterval();
        while (running) {
            try {
                while (running && publishBatch() == properties.batchSize()) {
                    // a full batch: more may be waiting
                }
                vacuumIfDue();
                backoff = properties.retryInterval();
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (VirtualMachineError ex) {
                log.error("The outbox relay stops: the JVM itself failed", ex);
                throw ex;
            }
            catch (Exception | Error ex) {
                // An Error here (a linkage error, an assertion) is most likely not the database's or the broker's
                // fault either, but ending the thread would silently stop every later event; keep trying.
                log.warn("Publishing the outbox failed, retrying in {}: {}", backoff, ex.toString());
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
            sender.send(inOrder).forEach(parkedEvents::park);
            return inOrder.size();
        });
        int sent = count == null ? 0 : count;
        published.increment(sent);
        publishedSinceVacuum += sent;
        return sent;
    }

    /**
     * Vacuums the outbox once enough events went out, outside any transaction (VACUUM cannot run in one). It skips
     * a table another vacuum holds; a failure surfaces like a failed batch and the next round tries again.
     */
    private void vacuumIfDue() {
        if (publishedSinceVacuum >= properties.vacuumAfter()) {
            jdbc.sql("vacuum (skip_locked) outbox_event").update();
            publishedSinceVacuum = 0;
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
}
