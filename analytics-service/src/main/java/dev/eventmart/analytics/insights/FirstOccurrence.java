package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.EventType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets through the first event of each type per order and drops repeats. Exactly-once covers what Kafka Streams
 * reads and writes, but order-service's outbox publishes at least once: an event republished after a relay crash is
 * a second record, and must not count a second confirmation or its revenue. Order events are keyed by order id,
 * so one order's events of every type meet in the same task.
 */
class FirstOccurrence implements FixedKeyProcessor<String, DomainEvent, DomainEvent> {

    private FixedKeyProcessorContext<String, DomainEvent> context;
    private KeyValueStore<String, Long> seen;

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
        if (seen.putIfAbsent(EventType.of(event).type() + "|" + event.subject(), record.timestamp()) == null) {
            context.forward(record);
        }
    }
}
