package dev.eventmart.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

class OutboxRelayTests {

    /**
     * Spring stops lifecycle beans from the highest phase down: the web server's graceful shutdown and the listener
     * containers must drain before the relay stops, so the events their last requests and records commit are
     * published on the way down rather than after the next start.
     */
    @Test
    void stopsAfterTheWebServerAndTheListenerContainersHaveDrained() {
        OutboxRelay relay = new OutboxRelay(null, null, null, new OutboxProperties(500, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2), 1000, 10),
                new SimpleMeterRegistry());

        assertThat(relay.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                .isLessThan(AbstractMessageListenerContainer.DEFAULT_PHASE);
    }
}
