package dev.eventmart.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the test JVM's broker and database. Its property source wins over the service's
 * configuration and the environment, so a test never talks to a running local stack.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestInfrastructure.database();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("eventmart-test-infrastructure",
                Map.of(
                        "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password())));
    }
}
