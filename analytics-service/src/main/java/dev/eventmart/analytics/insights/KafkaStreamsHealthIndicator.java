package dev.eventmart.analytics.insights;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The Kafka Streams client's state as the {@code kafkaStreams} health component, part of readiness: {@code UP} only
 * while {@code RUNNING}, when the stores can answer queries. Starting and rebalancing are {@code OUT_OF_SERVICE}
 * (they pass), a stopped or failed client is {@code DOWN}.
 */
class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean factory;

    KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        super("Kafka Streams health check failed");
        this.factory = factory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            builder.down().withDetail("state", "NOT_STARTED");
            return;
        }
        KafkaStreams.State state = streams.state();
        Status status = switch (state) {
            case RUNNING -> Status.UP;
            case CREATED, REBALANCING -> Status.OUT_OF_SERVICE;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> Status.DOWN;
        };
        builder.status(status).withDetail("state", state.name())
                .withDetail("threads", streams.metadataForLocalThreads().size());
    }
}
