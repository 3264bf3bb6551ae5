package dev.eventmart.order;

import dev.eventmart.test.EventMartContainers;
import org.springframework.boot.SpringApplication;

/**
 * Runs order-service for development against PostgreSQL and Kafka in containers (needs Docker): the service's own
 * {@code main} with {@link EventMartContainers} added, which wires them in through {@code @ServiceConnection}.
 */
public class TestOrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(OrderServiceApplication::main).with(EventMartContainers.class).run(args);
    }
}
