package dev.eventmart.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Admission of activity events while earlier ones still wait for Kafka. */
class IngestionCapacityTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestionCapacity capacity = new IngestionCapacity(new TrackingProperties(3, 5), meters);

    @Test
    void refusesWhatDoesNotFitWith503AndRetryAfterWithoutStartingIt() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        capacity.admit(3, () -> pending);
        capacity.admit(2, () -> new CompletableFuture<String>());

        boolean[] started = { false };
        assertThatThrownBy(() -> capacity.admit(1, () -> {
            started[0] = true;
            return CompletableFuture.completedFuture("late");
        })).isInstanceOfSatisfying(IngestionSaturated.class, refused -> {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(refused.getBody().getDetail()).contains("at most 5");
        });
        assertThat(started[0]).isFalse();
        assertThat(meters.counter("eventmart.activity.refused").count()).isEqualTo(1.0);
        assertThat(meters.get("eventmart.activity.in-flight").gauge().value()).isEqualTo(5.0);
    }

    @Test
    void freesTheRoomOfEventsOnceKafkaHasAnsweredEitherWay() {
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        CompletableFuture<String> refusedByKafka = new CompletableFuture<>();
        capacity.admit(3, () -> acknowledged);
        capacity.admit(2, () -> refusedByKafka);

        acknowledged.complete("ok");
        refusedByKafka.completeExceptionally(new IllegalStateException("broker away"));

        assertThat(capacity.admit(5, () -> CompletableFuture.completedFuture("all room again")).join())
                .isEqualTo("all room again");
    }

    @Test
    void countsTheEventsKafkaAcknowledgedAsAcceptedAndTheRestNot() {
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        CompletableFuture<String> refusedByKafka = new CompletableFuture<>();
        capacity.admit(3, () -> acknowledged);
        capacity.admit(2, () -> refusedByKafka);
        assertThat(meters.counter("eventmart.activity.accepted").count()).isZero();

        acknowledged.complete("ok");
        refusedByKafka.completeExceptionally(new IllegalStateException("broker away"));
        assertThatThrownBy(() -> capacity.admit(6, () -> CompletableFuture.completedFuture("too many")))
                .isInstanceOf(IngestionSaturated.class);

        assertThat(meters.counter("eventmart.activity.accepted").count()).isEqualTo(3.0);
        assertThat(meters.counter("eventmart.activity.refused").count()).isEqualTo(6.0);
    }

    @Test
    void freesTheRoomWhenPublishingFailsBeforeReturningAFuture() {
        assertThatThrownBy(() -> capacity.admit(5, () -> {
            throw new IllegalStateException("producer closed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(capacity.admit(5, () -> CompletableFuture.completedFuture("room")).join()).isEqualTo("room");
    }

    @Test
    void mustHoldAtLeastOneFullBatch() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TrackingProperties(1000, 999))
                .withMessageContaining("max-events-in-flight");
    }
}
