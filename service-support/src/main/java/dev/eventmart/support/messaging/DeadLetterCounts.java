package dev.eventmart.support.messaging;

import dev.eventmart.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code eventmart.dlt.records}, tag {@code topic}: records in each dead-letter topic, its end offsets
 * minus its start offsets summed over the partitions (what the topic still holds, within
 * {@code eventmart.messaging.dead-letter-retention}). Read from the broker, so every service reports the same figure
 * for a topic: aggregate with {@code max by (topic)}.
 *
 * <p>Read at most once per {@link #MAX_STALENESS}, on the scraping thread, in three admin requests for all the
 * topics. While the broker does not answer the gauges keep the figures last read.
 */
public class DeadLetterCounts implements AutoCloseable {

    static final Duration MAX_STALENESS = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCounts.class);

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock;
    private final List<String> topics;
    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant readAt = Instant.MIN;

    public DeadLetterCounts(Admin admin, Duration timeout, Clock clock, MeterRegistry meters) {
        this.admin = admin;
        this.timeout = timeout;
        this.clock = clock;
        this.topics = Topics.ALL.stream().map(Topics::deadLetterOf).toList();
        for (String topic : topics) {
            Gauge.builder("eventmart.dlt.records", this, gauge -> gauge.current().getOrDefault(topic, 0L))
                    .description("Records held in a dead-letter topic (read from the broker at most every 15 s)")
                    .tag("topic", topic)
                    .register(meters);
        }
    }

    Map<String, Long> current() {
        Instant now = clock.instant();
        if (readAt.plus(MAX_STALENESS).isBefore(now)) {
            synchronized (this) {
                if (readAt.plus(MAX_STALENESS).isBefore(now)) {
                    try {
                        counts = read();
                    }
                    catch (ExecutionException | TimeoutException | RuntimeException ex) {
                        log.warn("Could not read the dead-letter topics' offsets: {}", ex.toString());
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    // A failed read waits its turn too: a scrape must not hang on an absent broker every time.
                    readAt = now;
                }
            }
        }
        return counts;
    }

    private Map<String, Long> read() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition -> {
            TopicPartition topicPartition = new TopicPartition(topic.name(), partition.partition());
            earliest.put(topicPartition, OffsetSpec.earliest());
            latest.put(topicPartition, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> byTopic = new HashMap<>();
        ends.forEach((partition, end) -> byTopic.merge(partition.topic(),
                end.offset() - starts.get(partition).offset(), Long::sum));
        return byTopic;
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
