package dev.eventmart.payment;

import dev.eventmart.test.EventMartContainers;
import org.springframework.boot.SpringApplication;

/**
 * Runs payment-service for development against PostgreSQL and Kafka in containers (needs Docker): the service's own
 * {@code main} with {@link EventMartContainers} added, which wires them in through {@code @ServiceConnection}.
 */
public class TestPaymentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(PaymentServiceApplication::main).with(EventMartContainers.class).run(args);
    }
}
