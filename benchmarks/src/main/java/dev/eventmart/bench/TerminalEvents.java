package dev.eventmart.bench;

import dev.eventmart.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the saga's terminal topics from their current end and completes a future per order id (the record key)
 * when its confirmed, cancelled or expired event appears. A future is created by whichever side comes first, the
 * event or the waiter, so an order that ends before anybody waits for it is not missed.
 */
final class TerminalEvents implements AutoCloseable {

    private static final List<String> TOPICS = List.of(Topics.ORDER_CONFIRMED, Topics.ORDER_CANCELLED,
            Topics.ORDER_EXPIRED);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<UUID, CompletableFuture<Void>> ended = new ConcurrentHashMap<>();
    private final Thread reader;

    private TerminalEvents(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.reader = Thread.ofPlatform().name("terminal-events").start(this::read);
    }

    /** Starts reading once every partition's position is known, so no event after this call is missed. */
    static TerminalEvents start(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
        return new TerminalEvents(consumer);
    }

    /** Waits until the order has ended; throws {@link TimeoutException} when it has not within {@code timeout}. */
    void await(UUID orderId, Duration timeout) throws Exception {
        try {
            future(orderId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        finally {
            ended.remove(orderId);
        }
    }

    /** Fetch requests this reader has sent to the broker so far (the generator's own, not the pipeline's). */
    long fetchRequests() {
        return KafkaProbe.fetchRequests(consumer);
    }

    private CompletableFuture<Void> future(UUID orderId) {
        return ended.computeIfAbsent(orderId, id -> new CompletableFuture<>());
    }

    private void read() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    future(UUID.fromString(record.key())).complete(null);
                }
            }
        }
        catch (WakeupException closing) {
            // close() woke the reader: done
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join();
    }
}
