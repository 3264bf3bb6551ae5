package dev.eventmart.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code eventmart-service-defaults.yml} (the settings every service shares) as the property source of
 * lowest precedence. A service's own {@code application.yml}, the environment and test properties all override
 * it; a {@code spring.config.import} would do the opposite and silently win over the service's file.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "eventmart-service-defaults.yml";

    /** After the config data (application.yml) is loaded, so that appending really puts the defaults last. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEFAULTS,
                    new ClassPathResource(DEFAULTS))) {
                environment.getPropertySources().addLast(source);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, ex);
        }
    }
}
