package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.MessagingAutoConfiguration;
import dev.eventmart.support.messaging.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@AutoConfiguration(after = MessagingAutoConfiguration.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            KafkaTemplate<String, byte[]> kafkaTemplate, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafkaTemplate, properties, meters);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay, MessagingProperties messaging, ObjectProvider<Clock> clock) {
        return new Outbox(jdbc, relay, messaging.source(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** The {@code outbox} health component and the outbox gauges. */
    @Bean
    OutboxStatus outboxHealthIndicator(JdbcClient jdbc, OutboxProperties properties, MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        return new OutboxStatus(jdbc, clock.getIfAvailable(Clock::systemUTC), properties.stuckAfter(), meters);
    }
}
