package dev.eventmart.notification;

import dev.eventmart.test.EventMartContainers;
import org.springframework.boot.SpringApplication;

/**
 * Runs notification-service for development against PostgreSQL and Kafka in containers (needs Docker): the service's own
 * {@code main} with {@link EventMartContainers} added, which wires them in through {@code @ServiceConnection}.
 */
public class TestNotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(NotificationServiceApplication::main).with(EventMartContainers.class).run(args);
    }
}
