package dev.eventmart.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the test JVM's broker and database, logged in as the service's own database role
 * (found by {@code spring.application.name}; {@link TestDatabase#login(String)}), as it is in every deployment. Its
 * property source wins over the service's configuration and the environment, so a test never talks to a running
 * local stack.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getRequiredProperty("spring.application.name");
        TestDatabase.Login login = TestInfrastructure.database().login(application);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("eventmart-test-infrastructure",
                Map.of(
                        "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                        "spring.datasource.url", login.url(),
                        "spring.datasource.username", login.username(),
                        "spring.datasource.password", login.password())));
    }
}
