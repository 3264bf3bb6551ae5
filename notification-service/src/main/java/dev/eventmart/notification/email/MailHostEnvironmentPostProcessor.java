package dev.eventmart.notification.email;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Sets {@code spring.mail.host} from {@code MAIL_HOST} only when that variable has a value. Spring Boot configures
 * a mail sender (and its health check) as soon as {@code spring.mail.host} exists, even empty, so the usual
 * {@code host: ${MAIL_HOST:}} in {@code application.yml} would give every local run a sender that cannot connect
 * and a health that is {@code DOWN}; without a host the service writes emails to the log instead. Added last, so
 * an explicit {@code spring.mail.host} (tests, {@code SPRING_MAIL_HOST}) still wins.
 */
class MailHostEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String MAIL_HOST = "MAIL_HOST";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String host = environment.getProperty(MAIL_HOST);
        if (StringUtils.hasText(host)) {
            environment.getPropertySources().addLast(new MapPropertySource("notification-mail-host",
                    Map.of("spring.mail.host", host.strip())));
        }
    }
}
