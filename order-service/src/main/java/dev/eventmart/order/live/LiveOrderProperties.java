package dev.eventmart.order.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param streamTimeout  an event stream ends after this long even if the order is still in flight; a browser's
 *                       {@code EventSource} reconnects, so this bounds a connection's life, not the client's wait
 * @param heartbeat      how often an open stream gets a comment line, so proxies do not close an idle connection
 * @param reconnectDelay how long the notification listener waits before connecting again after losing the database
 */
@ConfigurationProperties("eventmart.order.live")
record LiveOrderProperties(@DefaultValue("10m") Duration streamTimeout, @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2s") Duration reconnectDelay) {
}
