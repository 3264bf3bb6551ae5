package dev.eventmart.support.locking;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The per-order advisory locks every service's handlers share. */
@AutoConfiguration
public class LockingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OrderLocks orderLocks(JdbcClient jdbc) {
        return new OrderLocks(jdbc);
    }
}
