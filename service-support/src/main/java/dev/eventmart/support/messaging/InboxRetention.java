package dev.eventmart.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the processed-event inbox ({@link ProcessedEvents}) from growing without bound: every
 * {@link InboxProperties#pruneInterval()} it deletes the rows older than {@link InboxProperties#retention()}, a
 * window longer than any redelivery can be late, so an event that can still arrive again is still recognised.
 *
 * <p>Deletes go in batches of {@link InboxProperties#pruneBatchSize()} rows, each one statement in a transaction of
 * its own (auto-commit), so no prune holds locks or an old snapshot for long, and a first prune of a large backlog
 * is as gentle as the later ones. Several instances of a service may prune at once: each batch skips the rows
 * another one has locked ({@code for update skip locked}), so neither waits and no row is counted twice; deleting
 * is idempotent, so no single runner has to be elected. The inbox is pruned on a thread of its own, started and
 * stopped with the context, so it delays no other scheduled work of the service. Deleted rows are counted in
 * {@code eventmart.inbox.pruned}.
 */
public class InboxRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final JdbcClient jdbc;
    private final InboxProperties properties;
    private final Counter pruned;
    private ScheduledExecutorService scheduler;

    public InboxRetention(JdbcClient jdbc, InboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.pruned = Counter.builder("eventmart.inbox.pruned")
                .description("Processed-event rows deleted once older than the inbox retention")
                .register(meters);
    }

    /**
     * Deletes every processed event older than the retention window, batch by batch.
     *
     * @return how many rows this call deleted
     */
    public int pruneExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = pruneBatch();
            total += deleted;
        }
        while (deleted == properties.pruneBatchSize() && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            log.info("Pruned {} processed events older than {}", total, properties.retention());
        }
        return total;
    }

    /** One batch in one auto-committed statement; the age is judged by the database clock that wrote the rows. */
    private int pruneBatch() {
        int deleted = jdbc.sql("""
                delete from processed_event
                where (event_id, handler) in (
                    select event_id, handler from processed_event
                    where processed_at < now() - make_interval(secs => :retentionSeconds)
                    limit :batchSize
                    for update skip locked)""")
                .param("retentionSeconds", properties.retention().toSeconds())
                .param("batchSize", properties.pruneBatchSize())
                .update();
        pruned.increment(deleted);
        return deleted;
    }

    private void pruneOnSchedule() {
        try {
            pruneExpired();
        }
        catch (RuntimeException ex) {
            // The database away or contended: nothing is lost by waiting, the next run deletes what this one left.
            log.warn("Pruning the inbox failed, trying again in {}: {}", properties.pruneInterval(), ex.toString());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("inbox-retention").daemon().factory());
        long interval = properties.pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneOnSchedule, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
