package dev.eventmart.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.support.messaging.EventPublisher;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/** Publishing without a broker: what the client is told when Kafka refuses. */
class ActivityTrackingTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final List<DomainEvent> published = new ArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void failsWithServiceUnavailableWhenKafkaDoesNotAcknowledge() {
        ActivityTracking tracking = tracking(new RefusingPublisher());

        CompletableFuture<?> result = tracking.track(new ActivityRequest.PageView("ada", "s1", "/", null, null, null),
                ClientContext.UNKNOWN);

        assertThatThrownBy(result::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ActivityNotPublished.class);
        assertThat(published).hasSize(1).first().isInstanceOfSatisfying(PageViewed.class,
                event -> assertThat(event.occurredAt()).isEqualTo(NOW));
    }

    @Test
    void publishesNothingForABatchOfInvalidItemsAndExplainsEach() {
        ActivityTracking tracking = tracking(new RefusingPublisher());

        BatchResult result = tracking.trackAll(List.of(
                new BatchItem("pageview", json.readTree("{\"userId\": \"ada\"}")),
                new BatchItem("teleport", json.readTree("{}")),
                new BatchItem("addtocart", json.readTree("{\"quantity\": \"many\"}"))), ClientContext.UNKNOWN).join();

        assertThat(published).isEmpty();
        assertThat(result.accepted()).isZero();
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(result.results().get(0).error()).contains("data.sessionId", "data.pageUrl");
        assertThat(result.results().get(1).error()).startsWith("eventType");
        assertThat(result.results().get(2).error()).startsWith("data:");
    }

    @Test
    void failsABatchWithServiceUnavailableWhenNoValidItemCouldBePublished() {
        ActivityTracking tracking = tracking(new RefusingPublisher());

        CompletableFuture<BatchResult> result = tracking.trackAll(List.of(new BatchItem("search",
                json.readTree("{\"userId\": \"ada\", \"sessionId\": \"s\", \"searchQuery\": \"x\"}"))),
                ClientContext.UNKNOWN);

        assertThatThrownBy(result::join).hasCauseInstanceOf(ActivityNotPublished.class);
    }

    private ActivityTracking tracking(EventPublisher publisher) {
        return new ActivityTracking(publisher, validator, json, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final class RefusingPublisher extends EventPublisher {

        RefusingPublisher() {
            super(null, "test", Clock.systemUTC());
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> publish(DomainEvent event) {
            published.add(event);
            return CompletableFuture.failedFuture(new TimeoutException("no broker"));
        }
    }
}
