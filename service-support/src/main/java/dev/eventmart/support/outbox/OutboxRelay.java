package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.EventMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * and the rest of its batch goes out. Any other failure (broker away, timeouts, a topic the broker does not know, no
 * authorization yet) retries the batch with backoff and counts an attempt for each event that failed; an event that
 * failed {@link OutboxProperties#maxAttempts} times while other events of its batch went out is parked too, so one
 * event the broker will not take cannot hold up the rest, while an outage, which takes nothing, parks nothing. Per
 * key, the events after a parked one go out without it: an operator moves it back once the cause is fixed.
 * {@link OutboxStatus} shows the backlog growing. No send blocks for the producer's {@code max.block.ms} inside the
 * relay's transaction when the broker is away ({@link #publishBatch}). The relay thread outlives
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

    private static final OutboxSender.Outcome NOTHING = new OutboxSender.Outcome(0, List.of(), List.of());

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxSender sender;
    private final ParkedEvents parkedEvents;
    private final OutboxProperties properties;
    private final KafkaOperations<String, byte[]> kafka;
    private final Counter published;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private long publishedSinceVacuum;
    /** Set after a batch Kafka did not take whole, cleared once one goes out whole ({@link #publishBatch}). */
    private boolean wary = true;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, byte[]> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.kafka = kafka;
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
     *
     * <p>After a batch Kafka did not take whole, the relay is wary until a batch goes out whole again: before each
     * batch it asks the producer for the metadata of every topic in the outbox, outside any transaction, so that no
     * send blocks for {@code max.block.ms} inside one; events of a topic without metadata are not sent. If no topic
     * has metadata, the broker is away: the batch is not even tried. The events of a batch that failed have their
     * attempts counted ({@link #countAttempts}).
     */
    int publishBatch() {
        Set<String> unavailable = wary ? topicsWithoutMetadata() : Set.of();
        OutboxSender.Outcome outcome;
        try {
            outcome = transactions.execute(status -> {
                List<StoredEvent> events = take();
                if (events.isEmpty()) {
                    return NOTHING;
                }
                // RETURNING promises no order; events go out in the order they were stored.
                List<StoredEvent> inOrder = new ArrayList<>(events);
                inOrder.sort(Comparator.comparingLong(StoredEvent::id));
                OutboxSender.Outcome sent = sender.send(inOrder, unavailable);
                if (!sent.failed().isEmpty()) {
                    throw new BatchNotTaken(sent); // rolls back: every event of the batch stays in the outbox
                }
                sent.refused().forEach(parkedEvents::park);
                return sent;
            });
        }
        catch (BatchNotTaken ex) {
            wary = true;
            int parked = transactions.execute(status -> countAttempts(ex.outcome));
            if (parked > 0) {
                return 0; // the rest of the batch goes out in the next round, without what was parked
            }
            throw new IllegalStateException(ex.outcome.failed().size() + " of the batch's events were not acknowledged,"
                    + " the first: " + ex.outcome.failed().getFirst().failure(), ex.outcome.failed().getFirst().failure());
        }
        if (unavailable.isEmpty()) {
            wary = false;
        }
        int sent = outcome == null ? 0 : outcome.acknowledged();
        published.increment(sent);
        publishedSinceVacuum += sent;
        return sent + (outcome == null ? 0 : outcome.refused().size());
    }

    private List<StoredEvent> take() {
        return jdbc.sql("""
                with relay_lock as (
                    select pg_try_advisory_xact_lock(hashtext('eventmart.outbox.' || current_schema())) as held)
                delete from outbox_event
                where (select held from relay_lock)
                  and id in (select id from outbox_event order by id limit :limit)
                returning id, event_id, topic, event_key, event_type, schema_version, source, correlation_id,
                          occurred_at, payload, trace_context""")
                .param("limit", properties.batchSize())
                .query((row, n) -> new StoredEvent(row.getLong("id"), row.getString("topic"),
                        new EventMetadata(row.getObject("event_id", UUID.class), row.getString("event_type"),
                                row.getInt("schema_version"), row.getString("source"),
                                row.getTimestamp("occurred_at").toInstant(), row.getString("event_key"),
                                row.getString("correlation_id")),
                        row.getBytes("payload"), row.getString("trace_context")))
                .list();
    }

    /**
     * The outbox's topics for which the producer has no metadata: it asks the broker for those it does not know yet,
     * waiting up to {@code max.block.ms} each. Throws if no topic has metadata: the broker is away, and sending would
     * only block.
     */
    private Set<String> topicsWithoutMetadata() {
        List<String> topics = jdbc.sql("select distinct topic from outbox_event").query(String.class).list();
        Set<String> unavailable = new HashSet<>();
        RuntimeException lastFailure = null;
        for (String topic : topics) {
            try {
                if (kafka.partitionsFor(topic).isEmpty()) {
                    unavailable.add(topic);
                }
            }
            catch (RuntimeException ex) {
                unavailable.add(topic);
                lastFailure = ex;
            }
        }
        if (!topics.isEmpty() && unavailable.size() == topics.size()) {
            throw new IllegalStateException("Kafka has no metadata for any topic in the outbox " + topics
                    + "; the broker is away or refuses this producer", lastFailure);
        }
        return unavailable;
    }

    /**
     * After a batch Kafka did not take whole (its transaction rolled back, so every event is back in the outbox):
     * parks the events Kafka refused for good, counts an attempt for each event that failed, and parks those that
     * failed {@link OutboxProperties#maxAttempts} times while other events of their batch were acknowledged. That
     * last condition tells an event Kafka will not take (a topic it does not know, a record it will not accept) from
     * a broker that is away: during an outage nothing is acknowledged, attempts are counted and nothing is parked.
     * Returns how many events were parked.
     */
    private int countAttempts(OutboxSender.Outcome outcome) {
        outcome.refused().forEach(refused -> parkedEvents.moveToParked(refused, refused.failure()));
        Map<Long, OutboxSender.Refused> failed = new HashMap<>();
        outcome.failed().forEach(refused -> failed.put(refused.event().id(), refused));
        List<long[]> attempts = jdbc.sql("""
                update outbox_event set attempts = attempts + 1 where id = any(:ids) returning id, attempts""")
                .param("ids", failed.keySet().toArray(Long[]::new))
                .query((row, n) -> new long[] { row.getLong("id"), row.getInt("attempts") })
                .list();
        int parked = outcome.refused().size();
        if (outcome.acknowledged() > 0) {
            for (long[] counted : attempts) {
                if (counted[1] >= properties.maxAttempts()) {
                    OutboxSender.Refused refused = failed.get(counted[0]);
                    parkedEvents.moveToParked(refused, new IllegalStateException("not acknowledged in " + counted[1]
                            + " attempts while other events went out; the last failure: " + refused.failure(),
                            refused.failure()));
                    parked++;
                }
            }
        }
        return parked;
    }

    /** A batch of which some events failed: its transaction rolls back, and the outcome says what happened. */
    private static final class BatchNotTaken extends RuntimeException {

        private final transient OutboxSender.Outcome outcome;

        BatchNotTaken(OutboxSender.Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
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
