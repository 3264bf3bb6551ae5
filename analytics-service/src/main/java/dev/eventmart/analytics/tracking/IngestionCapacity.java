package dev.eventmart.analytics.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds the activity events this instance has accepted for publishing but Kafka has not acknowledged yet.
 *
 * <p>Handlers answer only once Kafka acknowledges, so every admitted event holds its request, its decoded form and
 * its serialized record until then. Without a bound, load above what the broker and this JVM sustain piles them
 * up until the heap thrashes in garbage collection and nothing gets through any more (seen in the ingest
 * benchmark with batch requests at 50,000 events/s). With it, the excess is refused at once with {@code 503} and
 * {@code Retry-After}, the admitted events keep their latency, and clients back off: load shedding at the door.
 */
@Component
class IngestionCapacity {

    private final int limit;
    private final Semaphore permits;
    private final Counter refused;
    private final Counter accepted;

    IngestionCapacity(TrackingProperties properties, MeterRegistry meters) {
        this.limit = properties.maxEventsInFlight();
        this.permits = new Semaphore(limit);
        this.refused = Counter.builder("eventmart.activity.refused")
                .description("Activity events refused because too many were in flight").register(meters);
        this.accepted = Counter.builder("eventmart.activity.accepted")
                .description("Activity events admitted and acknowledged by Kafka").register(meters);
        Gauge.builder("eventmart.activity.in-flight", this, capacity -> capacity.limit - capacity.permits.availablePermits())
                .description("Activity events accepted but not yet acknowledged by Kafka").register(meters);
    }

    /**
     * Runs {@code publishing} for {@code events} events if they fit under the limit, and frees their room when it
     * completes; throws {@link IngestionSaturated} without running it otherwise.
     */
    <T> CompletableFuture<T> admit(int events, Supplier<CompletableFuture<T>> publishing) {
        if (events > 0 && !permits.tryAcquire(events)) {
            refused.increment(events);
            throw new IngestionSaturated(events, limit);
        }
        try {
            return publishing.get().whenComplete((result, failure) -> {
                permits.release(events);
                // Counted once Kafka has them: what the client was told 202 for, the other side of refused.
                if (failure == null) {
                    accepted.increment(events);
                }
            });
        }
        catch (RuntimeException ex) {
            permits.release(events);
            throw ex;
        }
    }
}
