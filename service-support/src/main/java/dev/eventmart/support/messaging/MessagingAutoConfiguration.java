package dev.eventmart.support.messaging;

import dev.eventmart.events.Topics;
import dev.eventmart.events.UnreadableEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messaging every service shares: topic declarations, CloudEvents publishing, the listener error handler with
 * bounded retry and dead-letter topics, the processed-event inbox and Kafka health.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /**
     * Every EventMart topic and its dead-letter topic. Each service declares all of them, so a consumer never
     * waits for the producing service to create its topic; creation is idempotent.
     */
    @Bean
    KafkaAdmin.NewTopics eventMartTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            TopicBuilder builder = TopicBuilder.name(topic)
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor());
            if (Topics.COMPACTED.contains(topic)) {
                builder.compact();
            }
            else {
                builder.config(TopicConfig.RETENTION_MS_CONFIG, millis(properties.retention()));
            }
            topics.add(builder.build());
            topics.add(TopicBuilder.name(Topics.deadLetterOf(topic))
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .config(TopicConfig.RETENTION_MS_CONFIG, millis(properties.deadLetterRetention()))
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, MessagingProperties properties,
            ObjectProvider<Clock> clock) {
        return new EventPublisher(kafkaTemplate, properties.source(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Picked up by Spring Boot for every listener container, record and batch listeners alike. */
    @Bean
    @ConditionalOnMissingBean(RecordMessageConverter.class)
    CloudEventMessageConverter cloudEventMessageConverter() {
        return new CloudEventMessageConverter();
    }

    /**
     * Picked up by Spring Boot for every listener container: a transient failure is redelivered with bounded
     * exponential backoff; a record that can never succeed (unreadable, or retries exhausted) goes to its
     * dead-letter topic, byte for byte with the original headers plus the failure ({@code kafka_dlt-exception-*},
     * original topic, partition and offset), and the consumer moves on. Offsets are committed after processing.
     * Spring Boot applies the error handler only if it is the only one, so a service that needs another replaces
     * this one.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, MessagingProperties properties) {
        MessagingProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        // The partition is left to the key, so a dead-letter topic need not mirror its topic's partition count.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1)) {

            @Override
            public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
                super.accept(record, consumer, withoutBatchWrapper(exception));
            }
        };
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(UnreadableEvent.class);
        return errorHandler;
    }

    /**
     * A batch listener reports its failing record with a {@link BatchListenerFailedException} around the real
     * failure; the recoverer only looks through the container's {@link ListenerExecutionFailedException}, so
     * without this the dead-letter headers would name the wrapper instead of what went wrong with the record.
     */
    public static Exception withoutBatchWrapper(Exception exception) {
        if (exception instanceof ListenerExecutionFailedException listenerFailure
                && listenerFailure.getCause() instanceof BatchListenerFailedException batchFailure
                && batchFailure.getCause() != null) {
            return new ListenerExecutionFailedException(batchFailure.getMessage(), listenerFailure.getGroupId(),
                    batchFailure.getCause());
        }
        return exception;
    }

    @Bean
    @ConditionalOnMissingBean
    EventBatches eventBatches(PlatformTransactionManager transactionManager) {
        return new EventBatches(new TransactionTemplate(transactionManager));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(JdbcClient jdbcClient) {
        return new ProcessedEvents(jdbcClient);
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, MessagingProperties properties) {
        return new KafkaHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()),
                properties.healthTimeout());
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
