package dev.eventmart.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's producer ceiling, the way Kafka's ProducerPerformance measures it (as fast as the producer goes,
 * callbacks count the acknowledged records) but on analytics-service's code path: one {@link KafkaProducer} with
 * its settings (acks=all, idempotent, linger.ms 5), the enriched page-view JSON as the value, the user id as the
 * key. kafka-tools (ProducerPerformance) is not published for the BOM's Kafka 4.2.2.
 */
final class KafkaThroughput {

    private KafkaThroughput() {
    }

    /** {@code --bootstrap --topics=a,b --partitions}: creates the topics if missing. */
    static void createTopics(Options options) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.string("bootstrap", "localhost:9092"));
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var wanted = options.strings("topics", "").stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, options.integer("partitions", 3), (short) 1)).toList();
            admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
        }
    }

    static void run(Options options) throws Exception {
        String topic = options.required("topic");
        long records = options.integer("records", 1_000_000);
        String compression = options.string("compression", "lz4");
        List<byte[]> payloads = Files.readAllLines(Path.of(options.required("payloads"))).stream()
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        double averageSize = payloads.stream().mapToInt(p -> p.length).average().orElse(0);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.string("bootstrap", "localhost:9092"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, options.string("linger-ms", "5"));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, options.string("batch-size", "16384"));
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicLong failed = new AtomicLong();
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            // Metadata and the producer id first, so the clock measures sending only.
            producer.partitionsFor(topic);
            producer.send(new ProducerRecord<>(topic, "warm-up", payloads.getFirst())).get();
            start = System.nanoTime();
            for (long i = 0; i < records; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "user-" + (i * 7919 % 100_000),
                        payloads.get((int) (i % payloads.size()))), (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            } else {
                                latency.recordValue((System.nanoTime() - sent) / 1000);
                            }
                        });
            }
            producer.flush();
            end = System.nanoTime();
        }
        double seconds = (end - start) / 1e9;
        double rate = (records - failed.get()) / seconds;
        Report report = new Report(options);
        report.row("Kafka producer, " + Math.round(averageSize) + "-byte activity JSON, acks=all, idempotent, "
                + compression + ", linger.ms " + props.get(ProducerConfig.LINGER_MS_CONFIG),
                Report.num(rate) + " records/s (" + Report.fixed(rate * averageSize / 1e6, 1) + " MB/s), send→ack p50 "
                        + Report.pct(latency, 50) + " ms, p99 " + Report.pct(latency, 99) + " ms, " + failed.get()
                        + " failed");
        report.figure("limits.producer_per_s." + compression, Report.fixed(rate, 0));
        report.write();
    }
}
