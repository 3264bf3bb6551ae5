package dev.eventmart.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class MailHostEnvironmentPostProcessorTests {

    private final MailHostEnvironmentPostProcessor postProcessor = new MailHostEnvironmentPostProcessor();

    @Test
    void setsTheMailHostFromMailHost() {
        MockEnvironment environment = new MockEnvironment().withProperty("MAIL_HOST", " smtp.example.com ");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("smtp.example.com");
    }

    @Test
    void leavesTheMailHostUnsetWhenMailHostIsMissingOrBlank() {
        MockEnvironment missing = new MockEnvironment();
        MockEnvironment blank = new MockEnvironment().withProperty("MAIL_HOST", " ");

        postProcessor.postProcessEnvironment(missing, new SpringApplication());
        postProcessor.postProcessEnvironment(blank, new SpringApplication());

        assertThat(missing.containsProperty("spring.mail.host")).isFalse();
        assertThat(blank.containsProperty("spring.mail.host")).isFalse();
    }

    @Test
    void anExplicitMailHostWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("MAIL_HOST", "smtp.example.com")
                .withProperty("spring.mail.host", "localhost");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("localhost");
    }
}
