package dev.eventmart.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records no consumer can ever process, written by the fault harness onto the pipeline's topics: bytes that are
 * not a CloudEvent, each carrying a marker and an id. The check then asks that every dead-letter record is one of
 * them (the faults themselves must dead-letter nothing) and that each of them reached its topic's dead-letter topic.
 */
final class Poison {

    private static final Pattern MARKER = Pattern.compile("chaos-poison ([0-9a-f-]{36})");

    private Poison() {
    }

    /** {@code --topics=a,b --per-topic=2 --ledger=file}: appends {@code <topic> <id>} per record to the ledger. */
    static void inject(Options options) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.string("bootstrap-servers", "localhost:9092"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> ledger = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String topic : options.strings("topics", "")) {
                for (int i = 0; i < options.integer("per-topic", 2); i++) {
                    String id = UUID.randomUUID().toString();
                    byte[] value = ("{\"chaos-poison " + id + "\": not json, not a CloudEvent \u0000}")
                            .getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value)).get();
                    ledger.add(topic + " " + id);
                }
            }
        }
        Files.write(Path.of(options.required("ledger")), ledger, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Report.log("Injected %d poison records: %s", ledger.size(), ledger);
    }

    /** What the dead-letter topics hold against the ledger of what was injected. */
    record Verdict(long injected, long unexpected, long missing, String detail) {

        boolean ok() {
            return unexpected == 0 && missing == 0;
        }
    }

    static Verdict judge(Path ledgerFile, Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLetters)
            throws IOException {
        Set<String> expected = new HashSet<>(Files.exists(ledgerFile)
                ? Files.readAllLines(ledgerFile, StandardCharsets.UTF_8) : List.of());
        Set<String> found = new HashSet<>();
        long unexpected = 0;
        StringBuilder detail = new StringBuilder();
        for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> topic : deadLetters.entrySet()) {
            String source = topic.getKey().substring(0, topic.getKey().length() - KafkaProbe.DEAD_LETTER_SUFFIX.length());
            for (ConsumerRecord<byte[], byte[]> record : topic.getValue()) {
                Matcher marker = MARKER.matcher(record.value() == null ? ""
                        : new String(record.value(), StandardCharsets.UTF_8));
                if (marker.find() && expected.contains(source + " " + marker.group(1))) {
                    found.add(source + " " + marker.group(1));
                } else {
                    unexpected++;
                    if (unexpected <= 5) {
                        detail.append(detail.isEmpty() ? "" : "; ").append(topic.getKey()).append(" offset ")
                                .append(record.offset());
                    }
                }
            }
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        return new Verdict(expected.size(), unexpected, missing.size(), expected.size() + " poison records injected, "
                + found.size() + " of them dead-lettered; " + unexpected + " other dead-letter records"
                + (detail.isEmpty() ? "" : " (" + detail + ")") + (missing.isEmpty() ? "" : "; missing " + missing));
    }
}
