package dev.eventmart.analytics;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Waits for the Kafka Streams client of a test context to reach {@code RUNNING}, e.g. after start-up or a restart. */
final class StreamsRunning {

    private StreamsRunning() {
    }

    static void await(StreamsBuilderFactoryBean streams) {
        Awaitility.await("Kafka Streams RUNNING").atMost(Duration.ofSeconds(60))
                .until(() -> streams.getKafkaStreams() != null
                        && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }
}
