package dev.eventmart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.support.outbox.OutboxRelay;
import dev.eventmart.test.AbstractServiceIntegrationTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class AnalyticsServiceIntegrationTests extends AbstractServiceIntegrationTests {

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Autowired
    private ObjectProvider<OutboxRelay> relays;

    /** Health includes the Kafka Streams client, which reaches RUNNING a moment after the context starts. */
    @BeforeEach
    void streamsRunning() {
        StreamsRunning.await(streams);
    }

    @Test
    void runsNoOutboxRelayForItWritesNoOutboxRows() {
        assertThat(relays.stream()).isEmpty();
    }

    @Override
    protected String schema() {
        return "analytics";
    }

    @Override
    protected DomainEvent sampleEvent() {
        return new PageViewed("user-1", "session-1", "/products/P-1001", "Keyboard", 120L, "/",
                new ClientContext("Mozilla/5.0", DeviceType.DESKTOP, "203.0.113.7"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
