package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventType;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets through the first event of each type per order and drops repeats. Exactly-once covers what Kafka Streams
 * reads and writes, but order-service's outbox publishes at least once: an event republished after a relay crash is
 * a second record, and must not count a second confirmation or its revenue. Order events are keyed by order id,
 * so one order's events of every type meet in the same task.
 *
 * <p>What it has seen is kept for a window of event time ({@code eventmart.analytics.insights.order-dedup-window},
 * 14 days), not forever: a window store drops whole segments once stream time has passed them, so the store holds
 * about a window's worth of orders however long the service runs. A repeat is dropped if the first one is within
 * the window of it, before or after. The window must outlast any repeat: a republished event comes within minutes
 * of the first, and no record can be read again once its topic has deleted it (7 days), so 14 days leaves a week
 * to spare. The store's updates commit in the same transaction as the counts they guard (exactly-once), as before.
 */
class FirstOccurrence implements FixedKeyProcessor<String, DomainEvent, DomainEvent> {

    private final long window;
    private FixedKeyProcessorContext<String, DomainEvent> context;
    private WindowStore<String, Long> seen;

    FirstOccurrence(Duration window) {
        this.window = window.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DomainEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(AnalyticsTopology.ORDER_EVENTS_SEEN);
    }

    @Override
    public void process(FixedKeyRecord<String, DomainEvent> record) {
        DomainEvent event = record.value();
        if (event == null) {
            return;
        }
        String key = EventType.of(event).type() + "|" + event.subject();
        long time = record.timestamp();
        if (seenWithinWindow(key, time)) {
            return;
        }
        seen.put(key, time, time);
        context.forward(record);
    }

    private boolean seenWithinWindow(String key, long time) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(key, Math.max(0, time - window), time + window)) {
            return earlier.hasNext();
        }
    }
}
