package dev.eventmart.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.support.messaging.EventMetadata;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tracking without a broker: what the client is told about each batch item, and when Kafka refuses. */
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

        BatchResult result = tracking.trackAll(items("""
                [{"eventType": "pageview", "data": {"userId": "ada"}},
                 {"eventType": "teleport", "data": {}},
                 {"eventType": "addtocart", "data": {"quantity": "many"}}]
                """), ClientContext.UNKNOWN).join();

        assertThat(published).isEmpty();
        assertThat(result.accepted()).isZero();
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(result.results().get(0).error()).contains("data.sessionId", "data.pageUrl");
        assertThat(result.results().get(1).error()).startsWith("eventType");
        assertThat(result.results().get(2).error()).isEqualTo("data.quantity: must be a whole number");
    }

    @Test
    void rejectsBatchItemsOfTheWrongShapeOneByOneAndPublishesTheOthers() {
        ActivityTracking tracking = tracking(new AcceptingPublisher());

        BatchResult result = tracking.trackAll(items("""
                [1,
                 {"eventType": "pageview", "data": {"userId": "ada", "sessionId": "s1", "pageUrl": "/"}},
                 null,
                 "pageview",
                 [],
                 {"eventType": 5, "data": {}},
                 {"eventType": "pageview", "data": "/home"},
                 {"eventType": "search", "data": {"userId": "ada", "sessionId": "s1", "searchQuery": "mouse"}}]
                """), ClientContext.UNKNOWN).join();

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(6);
        assertThat(result.results()).extracting(BatchResult.ItemResult::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(result.results()).extracting(BatchResult.ItemResult::error).containsExactly(
                "item: must be an object with eventType and data", null,
                "item: must be an object with eventType and data",
                "item: must be an object with eventType and data",
                "item: must be an object with eventType and data",
                "eventType: must be one of [pageview, productview, search, addtocart, purchase, auth]",
                "data: must be an object", null);
        assertThat(result.results().get(1).eventId()).isNotNull();
        assertThat(result.results().get(7).eventId()).isNotNull();
        assertThat(published).hasExactlyElementsOfTypes(PageViewed.class, SearchPerformed.class);
    }

    @Test
    void failsABatchWithServiceUnavailableWhenNoValidItemCouldBePublished() {
        ActivityTracking tracking = tracking(new RefusingPublisher());

        CompletableFuture<BatchResult> result = tracking.trackAll(items("""
                [{"eventType": "search", "data": {"userId": "ada", "sessionId": "s", "searchQuery": "x"}}]
                """), ClientContext.UNKNOWN);

        assertThatThrownBy(result::join).hasCauseInstanceOf(ActivityNotPublished.class);
    }

    private ActivityTracking tracking(EventPublisher publisher) {
        return new ActivityTracking(publisher, validator, json, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<JsonNode> items(String batch) {
        List<JsonNode> items = new ArrayList<>();
        json.readTree(batch).forEach(items::add);
        return items;
    }

    private final class RefusingPublisher extends EventPublisher {

        RefusingPublisher() {
            super(null, "test", Clock.systemUTC());
        }

        @Override
        public CompletableFuture<EventMetadata> publish(DomainEvent event) {
            published.add(event);
            return CompletableFuture.failedFuture(new TimeoutException("no broker"));
        }
    }

    /** Acknowledges every event at once, as Kafka would. */
    private final class AcceptingPublisher extends EventPublisher {

        AcceptingPublisher() {
            super(null, "test", Clock.systemUTC());
        }

        @Override
        public CompletableFuture<EventMetadata> publish(DomainEvent event) {
            published.add(event);
            return CompletableFuture.completedFuture(EventMetadata.forNewEvent(event, "test", null, NOW));
        }
    }
}
