package dev.eventmart.analytics.insights;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances of the service find and ask each other for the parts of the stores they own.
 *
 * @param advertisedHost the host name the other instances reach this one at; with the port the web server listens
 *                       on it becomes Kafka Streams' {@code application.server}
 * @param connectTimeout how long a query waits to connect to the instance that owns its key
 * @param readTimeout    how long a query waits for that instance's answer; past either, it answers {@code 503}
 */
@ConfigurationProperties("eventmart.analytics.instances")
record InstancesProperties(@DefaultValue("localhost") String advertisedHost,
        @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {
}
