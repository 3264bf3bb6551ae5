package dev.eventmart.support.deadletters;

import dev.eventmart.support.messaging.MessagingAutoConfiguration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter API ({@link DeadLetterController}) in a service that sets {@code eventmart.dead-letters.enabled}:
 * its reader, its operations, its audit table (Flyway location {@code db/eventmart-dead-letters}, added here so that
 * no other service gets the table) and its access rule. One service serving it is enough: the dead-letter topics
 * and the audit are the same for every caller.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, MessagingAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("eventmart.dead-letters.enabled")
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLettersAutoConfiguration {

    static final String MIGRATIONS = "classpath:db/eventmart-dead-letters";

    @Bean
    FlywayConfigurationCustomizer deadLetterMigrations() {
        return configuration -> {
            List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
            locations.add(new Location(MIGRATIONS));
            configuration.locations(locations.toArray(Location[]::new));
        };
    }

    @Bean
    DeadLettersApiAccess deadLettersApiAccess(DeadLetterProperties properties) {
        if (properties.scope() == null || properties.scope().isBlank()) {
            throw new IllegalStateException("eventmart.dead-letters.scope must name the token scope staff need for "
                    + "the dead-letter API (the service's own, such as 'orders')");
        }
        return new DeadLettersApiAccess(properties.scope());
    }

    @Bean
    DeadLetterReader deadLetterReader(ConsumerFactory<?, ?> consumers, DeadLetterProperties properties,
            JsonMapper json) {
        return new DeadLetterReader(properties.asOperator(consumers.getConfigurationProperties()), properties.timeout(),
                json);
    }

    @Bean
    DeadLetterAudit deadLetterAudit(JdbcClient jdbc) {
        return new DeadLetterAudit(jdbc);
    }

    /**
     * The producer replays go out with: the service's producer settings, logged in as the dead-letter operator
     * ({@link DeadLetterProperties#asOperator}). Spring Kafka's configuration overrides make it a producer factory of
     * its own, which the template closes when the context stops. Not a default candidate for injection: every other
     * send of the service goes through its own template.
     */
    @Bean(defaultCandidate = false)
    KafkaTemplate<String, byte[]> deadLetterReplays(KafkaTemplate<String, byte[]> kafka,
            DeadLetterProperties properties) {
        Map<String, Object> overrides = properties.asOperator(Map.of());
        return new KafkaTemplate<>(kafka.getProducerFactory(), overrides);
    }

    @Bean
    DeadLetterOperations deadLetterOperations(DeadLetterReader reader, DeadLetterAudit audit,
            @Qualifier("deadLetterReplays") KafkaTemplate<String, byte[]> replays, DeadLetterProperties properties,
            PlatformTransactionManager transactionManager, Clock clock) {
        return new DeadLetterOperations(reader, audit, replays,
                new TransactionTemplate(transactionManager), clock, properties);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterReader reader, DeadLetterAudit audit,
            DeadLetterOperations operations) {
        return new DeadLetterController(reader, audit, operations);
    }
}
