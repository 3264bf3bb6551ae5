package dev.eventmart.storefront;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The shop and the operations page: one origin for the browser. It serves the static pages, logs people in against
 * identity-service as a backend-for-frontend (the browser holds a session cookie, never a token) and routes
 * {@code /api/**} to the services with the user's access token.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorefrontApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorefrontApplication.class, args);
    }
}
