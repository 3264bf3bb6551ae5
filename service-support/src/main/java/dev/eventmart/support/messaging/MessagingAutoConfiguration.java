package dev.eventmart.support.messaging;

import dev.eventmart.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messaging every service shares: topic declarations, CloudEvents publishing, the listener error handler with
 * retry by kind of failure and dead-letter topics, the processed-event inbox and its retention, and Kafka health.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ MessagingProperties.class, InboxProperties.class })
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
            Clock clock) {
        return new EventPublisher(kafkaTemplate, properties.source(), clock);
    }

    /** Picked up by Spring Boot for every listener container, record and batch listeners alike. */
    @Bean
    @ConditionalOnMissingBean(RecordMessageConverter.class)
    CloudEventMessageConverter cloudEventMessageConverter() {
        return new CloudEventMessageConverter();
    }

    /**
     * Picked up by Spring Boot for every listener container: retries and dead-letters as {@link Failures} classifies
     * (see {@link ListenerErrorHandlers}). Spring Boot applies the error handler only if it is the only one, so a
     * service that needs another replaces this one, built by the same factory.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, MessagingProperties properties) {
        return ListenerErrorHandlers.deadLettering(kafkaTemplate, properties.retry());
    }

    /**
     * Picked up by Spring Boot for every listener container: each listener's consumers take the listener's id as
     * their client id ({@code order-service.saga-replies-0}). With the service-wide {@code spring.kafka.client-id}
     * every consumer of a service was {@code <service>-0}, and the Kafka client metrics Spring Boot binds (consumer
     * lag among them) kept one consumer's figures under that id and dropped the others'.
     *
     * <p>Batch listeners record a span per record ({@code recordObservationsInBatch}), a child of the span that sent
     * it: Spring Kafka observes no batch as a whole (its records belong to many traces), so without it the hop would
     * have no span of its own in the trace. None of those spans is current while the listener runs; the events a batch
     * step stores continue their records' traces through {@link EventBatches}.
     */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaContainerCustomizer")
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> kafkaContainerCustomizer() {
        return container -> {
            String clientId = container.getContainerProperties().getClientId();
            if ((clientId == null || clientId.isEmpty()) && container.getListenerId() != null) {
                container.getContainerProperties().setClientId(container.getListenerId());
            }
            container.getContainerProperties().setRecordObservationsInBatch(true);
        };
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

    /**
     * Prunes the inbox on a schedule; {@code eventmart.inbox.pruning=false} leaves it out of a service that never
     * records processed events. Refuses to start with a retention that does not outlast the topics': the inbox would
     * forget events that can still be delivered again.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "eventmart.inbox.pruning", matchIfMissing = true)
    InboxRetention inboxRetention(JdbcClient jdbcClient, InboxProperties properties, MessagingProperties messaging,
            MeterRegistry meters) {
        if (properties.retention().compareTo(messaging.retention()) <= 0) {
            throw new IllegalStateException("eventmart.inbox.retention (" + properties.retention()
                    + ") must be longer than eventmart.messaging.retention (" + messaging.retention()
                    + "), how long the topics keep a record that could be delivered again");
        }
        return new InboxRetention(jdbcClient, properties, meters);
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, MessagingProperties properties) {
        return new KafkaHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()),
                properties.healthTimeout());
    }

    /** Records per dead-letter topic for operators: {@code eventmart.dlt.records}, tag {@code topic}. */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterCounts deadLetterCounts(KafkaAdmin kafkaAdmin, MessagingProperties properties, Clock clock,
            MeterRegistry meters) {
        return new DeadLetterCounts(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.healthTimeout(),
                clock, meters);
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
