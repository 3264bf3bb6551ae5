package dev.eventmart.bench;

import dev.eventmart.events.Topics;
import dev.eventmart.invariants.DeadLetterExpectation;
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

    private static final String DEFAULT_TOPICS = String.join(",", Topics.ORDER_PLACED, Topics.PAYMENT_REQUESTED,
            Topics.PAYMENT_AUTHORIZED, Topics.ACTIVITY_TRACKED);
    private static final Pattern MARKER = Pattern.compile("chaos-poison ([0-9a-f-]{36})");

    private Poison() {
    }

    /**
     * {@code --per-topic=2 --ledger=file [--topics=a,b]}: appends {@code <topic> <id>} per record to the ledger. The
     * topics by default: one of each kind of reader, a saga listener at each end, a reply the orchestrator reads, and
     * analytics' Kafka Streams.
     */
    static void inject(Options options) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.string("bootstrap-servers", "localhost:9092"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> ledger = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String topic : options.strings("topics", DEFAULT_TOPICS)) {
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

    /**
     * The dead-letter topics must hold exactly the poison of the ledger: each injected record dead-lettered (once or
     * more: every reader of its topic dead-letters it), and no other record, since the faults themselves must
     * dead-letter nothing.
     */
    static DeadLetterExpectation expectation(Path ledgerFile) throws IOException {
        Set<String> expected = new HashSet<>(Files.exists(ledgerFile)
                ? Files.readAllLines(ledgerFile, StandardCharsets.UTF_8) : List.of());
        return deadLetters -> judge(expected, deadLetters);
    }

    private static DeadLetterExpectation.Judgement judge(Set<String> expected,
            Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLetters) {
        Set<String> found = new HashSet<>();
        long unexpected = 0;
        StringBuilder detail = new StringBuilder();
        for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> topic : deadLetters.entrySet()) {
            String source = topic.getKey().substring(0, topic.getKey().length() - Topics.DEAD_LETTER_SUFFIX.length());
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
        return new DeadLetterExpectation.Judgement(unexpected == 0 && missing.isEmpty(), expected.size()
                + " poison records injected, "
                + found.size() + " of them dead-lettered; " + unexpected + " other dead-letter records"
                + (detail.isEmpty() ? "" : " (" + detail + ")") + (missing.isEmpty() ? "" : "; missing " + missing));
    }
}
