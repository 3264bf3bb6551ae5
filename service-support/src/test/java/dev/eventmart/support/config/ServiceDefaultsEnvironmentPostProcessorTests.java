package dev.eventmart.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
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
}
