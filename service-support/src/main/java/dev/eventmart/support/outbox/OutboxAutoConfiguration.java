package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.MessagingAutoConfiguration;
import dev.eventmart.support.messaging.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox, its relay and its health; {@code eventmart.outbox.enabled=false} leaves them out of a service that
 * writes no outbox rows, so no relay polls an empty table there.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "eventmart.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    /**
     * The relay's transactions are plain JDBC ones on the services' data source, not the JPA transaction manager the
     * services' own work uses: the relay only runs SQL, and a JPA transaction opens a Hibernate session for each
     * batch (at moderate load a batch is one event, several times per order), which it would never use.
     */
    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, DataSource dataSource, KafkaTemplate<String, byte[]> kafkaTemplate,
            OutboxProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)), kafkaTemplate,
                properties, meters);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay, MessagingProperties messaging, Clock clock) {
        return new Outbox(jdbc, relay, messaging.source(), clock);
    }

    /** The {@code outbox} health component and the outbox gauges. */
    @Bean
    OutboxStatus outboxHealthIndicator(JdbcClient jdbc, OutboxProperties properties, MeterRegistry meters,
            Clock clock) {
        return new OutboxStatus(jdbc, clock, properties.stuckAfter(), meters);
    }
}
