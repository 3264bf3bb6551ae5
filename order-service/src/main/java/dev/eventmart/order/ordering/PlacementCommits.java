package dev.eventmart.order.ordering;

import dev.eventmart.support.messaging.TraceContexts;
import dev.eventmart.support.outbox.Outbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for placements: the orders that requests hand in while a transaction is committing are stored
 * together in the next one (their rows in one statement, their {@code OrderPlaced} events in one outbox insert, one
 * commit), and each request answers once the transaction holding its order has committed.
 *
 * <p>Why: every later step of the saga already shares its poll's transaction with the orders polled with it, but a
 * placement is one HTTP request, so above a hundred orders a second it was most of an order's cost: one commit per
 * order was about two thirds of PostgreSQL's commits at 300 orders/s, each with its round trips and its WAL flush.
 * Nothing waits to fill a batch: a lone order is committed at once, so at low load this changes nothing but a hand-over
 * between threads, and under load a batch holds what arrived during the previous commit. The guarantee stays what it
 * was: {@code 202} only after the order and its event are durable.
 *
 * <p>Hand-written because neither Spring nor the JDBC driver offers group commit across requests; it is a queue and
 * one thread. A batch that fails (the database away) fails every request in it with the same exception, which the
 * request maps as before (a {@code 503} problem); a placement under an idempotency key already used is not stored
 * ({@link OrderRows#insertAll}) and its request answers with the earlier order. Each event is stored with the trace
 * context of the request that placed its order ({@link TraceContexts#inBatch}), as a saga step stores its replies.
 */
@Component
class PlacementCommits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlacementCommits.class);

    /** At most this many orders in one transaction: one statement's arrays stay small. */
    static final int MAX_BATCH = 64;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final OrderRows orderRows;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final DistributionSummary batchSizes;
    private volatile boolean running;
    private Thread worker;

    PlacementCommits(OrderRows orderRows, Outbox outbox, PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        this.orderRows = orderRows;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batchSizes = DistributionSummary.builder("eventmart.order.placement.batch")
                .description("Orders stored per placement transaction").baseUnit("orders").register(meters);
    }

    /**
     * Stores the order and its {@code OrderPlaced} event, returning once they are committed: true, or false if the
     * customer already has an order under its idempotency key (nothing of this one is stored). Whatever the batch's
     * transaction failed with is thrown here.
     */
    boolean commit(Order order) {
        if (!running) {
            throw new IllegalStateException("Placements are not taken: the service is stopping");
        }
        Pending pending = new Pending(order, TraceContexts.current(), new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.stored.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the order was being stored", ex);
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Storing the order failed", ex.getCause());
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("placement-commits").daemon().start(this::run);
    }

    /**
     * Takes no more placements, then stores those already handed in. The web server has stopped by then, after the
     * requests in flight were answered, so no request hands in an order after this.
     */
    @Override
    public void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += MAX_BATCH) {
            store(rest.subList(from, Math.min(rest.size(), from + MAX_BATCH)));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server has stopped taking requests (it stops at a higher phase), before the outbox relay. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            Pending first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                continue; // stop() wakes the worker; it stores what is left itself
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store(batch);
                batch.clear();
            }
        }
    }

    /**
     * Stores a batch in one transaction and completes each of its requests, whatever happens: the worker outlives any
     * failure, since a worker gone would leave every later request waiting.
     */
    private void store(List<Pending> batch) {
        Map<String, String> traceContexts = new HashMap<>();
        batch.stream().filter(pending -> pending.traceContext != null)
                .forEach(pending -> traceContexts.put(pending.order.id().toString(), pending.traceContext));
        try (Scope requests = TraceContexts.inBatch(traceContexts)) {
            List<Order> orders = batch.stream().map(Pending::order).toList();
            Set<UUID> stored = transactions.execute(status -> {
                Set<UUID> inserted = orderRows.insertAll(orders);
                outbox.addAll(orders.stream().filter(order -> inserted.contains(order.id())).map(Order::placed)
                        .toList());
                return inserted;
            });
            batchSizes.record(batch.size());
            batch.forEach(pending -> pending.stored.complete(stored.contains(pending.order.id())));
        }
        catch (RuntimeException | Error ex) {
            if (ex instanceof Error) {
                log.error("Storing {} placed orders failed", batch.size(), ex);
            }
            // a RuntimeException is the requests' to report: each rethrows it and is answered as any failure is
            batch.forEach(pending -> pending.stored.completeExceptionally(ex));
        }
    }

    /** An order handed in, with the trace context of the request that placed it (stored with its event). */
    private record Pending(Order order, String traceContext, CompletableFuture<Boolean> stored) {
    }
}
