package dev.eventmart.test;

import dev.eventmart.test.security.TestTokens;
import java.util.Map;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;

/**
 * Points a service under test at the test JVM's broker and database, logged in as the service's own database role
 * (found by {@code spring.application.name}; {@link TestDatabase#login(String)}), as it is in every deployment. Its
 * property source wins over the service's configuration and the environment, so a test never talks to a running
 * local stack. Tokens are verified against {@link TestTokens}, the test JVM's stand-in for identity-service, and the
 * test's {@code RestTestClient} sends {@link TestTokens#testClient() staff's} unless a request sets its own
 * {@code Authorization}: the security rules have their own tests, the others test what the API does. Every trace is
 * recorded, and the spans the service finishes are kept in {@link RecordedSpans}.
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
                        "spring.datasource.password", login.password(),
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.issuer(),
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.jwkSetUri(),
                        "spring.security.oauth2.client.provider.eventmart.token-uri", TestTokens.tokenUri(),
                        // Every trace recorded, and handed to RecordedSpans within a tenth of a second.
                        "management.tracing.sampling.probability", "1.0",
                        "management.opentelemetry.tracing.export.schedule-delay", "100ms")));
        context.getBeanFactory().registerSingleton("eventmartRecordedSpans", RecordedSpans.exporter());
        context.getBeanFactory().registerSingleton("eventmartTestToken", (RestTestClientBuilderCustomizer) builder ->
                builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.testClient()));
    }
}
