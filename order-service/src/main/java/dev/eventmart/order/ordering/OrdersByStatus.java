package dev.eventmart.order.ordering;

import dev.eventmart.support.metrics.StatusCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The gauge {@code eventmart.orders}: how many orders are in each status, tag {@code status} ({@link StatusCounts}). */
@Configuration(proxyBeanMethods = false)
class OrdersByStatus {

    @Bean
    StatusCounts orderStatusCounts(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        return new StatusCounts(jdbc, clock, meters, "eventmart.orders",
                "Orders in each status, all instances together", "customer_order", "status",
                Arrays.stream(OrderStatus.values()).map(Enum::name).toList());
    }
}
