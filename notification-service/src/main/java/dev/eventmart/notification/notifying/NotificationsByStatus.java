package dev.eventmart.notification.notifying;

import dev.eventmart.support.metrics.StatusCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gauge {@code eventmart.notifications}: how many notifications are in each status, tag {@code status}
 * ({@link StatusCounts}). {@code PENDING} that stays up means emails the mail server has not taken yet.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsByStatus {

    @Bean
    StatusCounts notificationStatusCounts(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        return new StatusCounts(jdbc, clock, meters, "eventmart.notifications",
                "Notifications in each status, all instances together", "notification", "status",
                Arrays.stream(NotificationStatus.values()).map(Enum::name).toList());
    }
}
