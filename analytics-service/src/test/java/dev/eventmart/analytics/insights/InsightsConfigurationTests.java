package dev.eventmart.analytics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsDeadLetterDestinationResolver;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.streams.RecoveringProcessingExceptionHandler;

/** What a failure costs the Kafka Streams client: a dead-letter record, or a new thread, never the whole client. */
class InsightsConfigurationTests {

    private static final String APPLICATION_ID = "analytics-service-streams";

    private final StreamsBuilderFactoryBean factory = configuredFactory();

    @Test
    void replacesAStreamThreadThatDiedInsteadOfStoppingTheClient() {
        assertThat(factory.getStreamsUncaughtExceptionHandler().handle(new IllegalStateException("broker gone")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void sendsRecordsItCannotReadOrProcessToTheDeadLetterTopicOfTheirTopic() {
        Properties config = factory.getStreamsConfiguration();
        assertThat(config.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(RecoveringDeserializationExceptionHandler.class);
        assertThat(config.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(RecoveringProcessingExceptionHandler.class);

        for (String resolverKey : new String[] {RecoveringDeserializationExceptionHandler.DLQ_DESTINATION_RESOLVER,
                RecoveringProcessingExceptionHandler.DLQ_DESTINATION_RESOLVER}) {
            KafkaStreamsDeadLetterDestinationResolver resolver =
                    (KafkaStreamsDeadLetterDestinationResolver) config.get(resolverKey);
            assertThat(resolver.resolve(failedOn(Topics.ACTIVITY_TRACKED), null, new IllegalStateException()))
                    .isEqualTo(new TopicPartition("analytics.activity.tracked.dlt", -1));
            assertThat(resolver.resolve(failedOn(Topics.ORDER_CONFIRMED), null, new IllegalStateException()))
                    .isEqualTo(new TopicPartition("order.order.confirmed.dlt", -1));
            // A repartition topic of the topology has no dead-letter topic of its own.
            assertThat(resolver.resolve(failedOn(APPLICATION_ID + "-product-activity-repartition"), null,
                    new IllegalStateException()))
                    .isEqualTo(new TopicPartition(APPLICATION_ID + ".dlt", -1));
        }
    }

    private static StreamsBuilderFactoryBean configuredFactory() {
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
        new InsightsConfiguration()
                .analyticsTopology(new InsightsProperties(Duration.ofMinutes(5), Duration.ofDays(7),
                        Duration.ofHours(24), Duration.ofDays(14)))
                .configure(factory);
        return factory;
    }

    private static ErrorHandlerContext failedOn(String topic) {
        return new ErrorHandlerContext() {

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "activity-source";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
