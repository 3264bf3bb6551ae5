package dev.eventmart.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in containers, the images of docker-compose.yml, wired into a service through
 * {@code @ServiceConnection}. Each service's {@code Test<Service>Application} runs the service against them
 * (needs Docker); the integration tests use the same images when Testcontainers is on
 * ({@link TestInfrastructure}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventMartContainers {

    static final DockerImageName POSTGRES = DockerImageName.parse("postgres:17.6");
    static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.2.2");

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(POSTGRES);
    }

    @Bean
    @ServiceConnection
    KafkaContainer kafka() {
        return new KafkaContainer(KAFKA);
    }
}
