package dev.eventmart.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ServiceDefaultsEnvironmentPostProcessorTests {

    @Test
    void sharedDefaultsApplyButTheServiceConfigurationWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "spring.application.name", "order-service",
                "eventmart.schema", "orders",
                "spring.kafka.producer.properties.linger.ms", "50")));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.producer.properties.linger.ms")).isEqualTo("50");
        assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
        assertThat(environment.getProperty("spring.flyway.schemas")).isEqualTo("orders");
        assertThat(environment.getProperty("eventmart.messaging.source")).isEqualTo("order-service");
    }

    @Test
    void talksToKafkaWithoutAnIdentityUnlessSaslIsAskedFor() {
        KafkaProperties kafka = kafkaProperties(Map.of());

        assertThat(kafka.buildProducerProperties()).containsEntry("security.protocol", "PLAINTEXT");
    }

    /** One setting for every client: the saga's producers and consumers, the admin client and Kafka Streams. */
    @Test
    void logsEveryKafkaClientInAsTheServiceOwnScramUser() {
        KafkaProperties kafka = kafkaProperties(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_PASSWORD", "order-secret"));

        for (Map<String, Object> client : List.of(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                kafka.buildAdminProperties(), kafka.buildStreamsProperties())) {
            assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                            + " required username=\"order-service\" password=\"order-secret\";");
        }
    }

    private static KafkaProperties kafkaProperties(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "spring.application.name", "order-service", "eventmart.schema", "orders")));
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bind("spring.kafka", KafkaProperties.class).get();
    }
}
