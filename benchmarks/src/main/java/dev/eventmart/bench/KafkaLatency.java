package dev.eventmart.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produce → consume latency through the broker at a steady rate, with the services' producer settings (acks=all,
 * idempotent, lz4, the given linger) and a plain consumer (fetch.min.bytes 1, read_committed). Each record carries
 * its send time; the consumer in the same JVM records now − send time in microseconds (Kafka's EndToEndLatency
 * tool only resolves whole milliseconds, too coarse here).
 */
final class KafkaLatency {

    private KafkaLatency() {
    }

    static void run(Options options) throws Exception {
        String bootstrap = options.string("bootstrap", "localhost:9092");
        String topic = options.required("topic");
        double rate = options.decimal("rate", 1000);
        Duration duration = Duration.ofSeconds(options.integer("duration-s", 10));
        String linger = options.string("linger-ms", "0");
        List<String> payloads = Files.readAllLines(Path.of(options.required("payloads")));

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, linger);

        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicBoolean running = new AtomicBoolean(true);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = Thread.ofPlatform().name("latency-consumer").start(() -> {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long sent = ByteBuffer.wrap(record.value()).getLong();
                        if (sent > warmupEnd) {
                            latency.recordValue(Math.max(0, (now - sent) / 1000));
                        }
                    }
                }
            });
            long total = Math.round(rate * (duration.toNanos() / 1e9 + 2));
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
                byte[] json = payloads.get(i % payloads.size()).getBytes(StandardCharsets.UTF_8);
                ByteBuffer value = ByteBuffer.allocate(8 + json.length);
                value.putLong(System.nanoTime()).put(json);
                producer.send(new ProducerRecord<>(topic, "user-" + i % 1000, value.array()));
            }
            producer.flush();
            Thread.sleep(1000);
            running.set(false);
            reader.join();
        }
        Report report = new Report(options);
        report.row("produce → consume latency at " + Report.num(rate) + " records/s (linger.ms " + linger
                + ", acks=all, lz4)", "p50 " + Report.pct(latency, 50) + " ms, p99 " + Report.pct(latency, 99)
                + " ms, max " + Report.max(latency) + " ms (" + latency.getTotalCount() + " records)");
        report.figure("limits.e2e_p50_ms.linger" + linger, Report.pct(latency, 50))
                .figure("limits.e2e_p99_ms.linger" + linger, Report.pct(latency, 99));
        report.write();
    }
}
