package dev.eventmart.analytics.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances of the service find and ask each other for the parts of the stores they own.
 *
 * @param advertisedHost the host name the other instances reach this one at; with the port the web server listens
 *                       on it becomes Kafka Streams' {@code application.server}
 */
@ConfigurationProperties("eventmart.analytics.instances")
record InstancesProperties(@DefaultValue("localhost") String advertisedHost) {
}
