package dev.eventmart.analytics.insights;

import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.activity.ProductViewed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Marks what an activity event sees for the first time, remembering user, user + session and user + product in a
 * store (with a changelog, so it survives restarts exactly like the aggregates). Runs on the activity topic's own
 * partitioning: every key it remembers starts with the user id, the record key, so the partition that holds a user
 * holds all of them and no repartition is needed. The store grows with users, sessions and viewed products per user
 * (one small entry each).
 */
class FirstSeen implements FixedKeyProcessor<String, ActivityEvent, Tracked> {

    private FixedKeyProcessorContext<String, Tracked> context;
    private KeyValueStore<String, Long> seen;

    @Override
    public void init(FixedKeyProcessorContext<String, Tracked> context) {
        this.context = context;
        this.seen = context.getStateStore(AnalyticsTopology.FIRST_SEEN);
    }

    @Override
    public void process(FixedKeyRecord<String, ActivityEvent> record) {
        ActivityEvent event = record.value();
        long time = record.timestamp();
        boolean newUser = firstTime("u|" + event.userId(), time);
        boolean newSession = event.sessionId() != null
                && firstTime(pairKey('s', event.userId(), event.sessionId()), time);
        boolean newViewer = event instanceof ProductViewed view
                && firstTime(pairKey('v', event.userId(), view.productId()), time);
        context.forward(record.withValue(new Tracked(event, newUser, newSession, newViewer)));
    }

    /**
     * The key of a (user, second id) pair: {@code kind|user|second} with {@code \} and {@code |} in the user id
     * escaped by a {@code \}. Ids may contain {@code |}, and plain joining would let ({@code a|b}, {@code c}) and
     * ({@code a}, {@code b|c}) share a key, so the second pair would never count as new. Escaped, the first
     * unescaped {@code |} after the kind always ends the user id, so distinct pairs never meet; the second id is the
     * rest of the key and needs no escaping. Ids without either character keep the key they always had, so stores
     * written before this rule still answer for them.
     */
    static String pairKey(char kind, String userId, String second) {
        StringBuilder key = new StringBuilder(userId.length() + second.length() + 4).append(kind).append('|');
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (c == '\\' || c == '|') {
                key.append('\\');
            }
            key.append(c);
        }
        return key.append('|').append(second).toString();
    }

    private boolean firstTime(String key, long time) {
        return seen.putIfAbsent(key, time) == null;
    }
}
