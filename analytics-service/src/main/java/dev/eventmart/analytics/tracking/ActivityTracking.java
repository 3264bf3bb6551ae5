package dev.eventmart.analytics.tracking;

import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.support.messaging.EventMetadata;
import dev.eventmart.support.messaging.EventPublisher;
import dev.eventmart.support.web.JsonFieldProblems;
import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns validated activity into events and publishes them keyed by user id. Every method returns a future that
 * completes when Kafka has acknowledged ({@code acks=all}, idempotent producer) or failed, so no thread waits for an
 * acknowledgement and the producer batches concurrent requests.
 *
 * <p>Handing a record to the producer ({@code send}) can still block the calling request thread, in two cases, each
 * for at most {@code max.block.ms} (10 s, then {@link ActivityNotPublished}): while the producer has no metadata for
 * the topic (the first event after start, after five idle minutes ({@code metadata.max.idle.ms}), or while the broker
 * is unreachable), and while its send buffer ({@code buffer.memory}, 32 MB) is full because the broker takes records
 * more slowly than they come. With the broker up, the first is a single round trip.
 */
@Service
class ActivityTracking {

    private static final Logger log = LoggerFactory.getLogger(ActivityTracking.class);

    private final EventPublisher publisher;
    private final Validator validator;
    private final JsonMapper json;
    private final Clock clock;

    ActivityTracking(EventPublisher publisher, Validator validator, JsonMapper json, Clock clock) {
        this.publisher = publisher;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    /** Completes with the event id once Kafka has the event, or with {@link ActivityNotPublished}. */
    CompletableFuture<UUID> track(ActivityRequest request, ClientContext client) {
        CompletableFuture<UUID> tracked = new CompletableFuture<>();
        publish(request.toEvent(client, now()), (eventId, failure) -> {
            if (failure != null) {
                tracked.completeExceptionally(new ActivityNotPublished(failure));
            }
            else {
                tracked.complete(eventId);
            }
        });
        return tracked;
    }

    /**
     * Validates every item on its own, publishes the valid ones and completes once Kafka has answered for each:
     * an item Kafka refused is reported with its error so the client can resend just that one. Items arrive as raw
     * JSON so that one of the wrong shape ({@code 1}, {@code null}, a string) is that item's error, not the batch's.
     * Completes with {@link ActivityNotPublished} when items were valid but none of them could be published.
     */
    CompletableFuture<BatchResult> trackAll(List<JsonNode> items, ClientContext client) {
        BatchCompletion batch = new BatchCompletion(items.size());
        var now = now();
        for (int index = 0; index < items.size(); index++) {
            Checked item = check(items.get(index));
            if (item.error() != null) {
                batch.answered(index, BatchResult.ItemResult.rejected(index, item.error()), null);
                continue;
            }
            int position = index;
            publish(item.request().toEvent(client, now), (eventId, failure) -> batch.answered(position,
                    failure == null ? BatchResult.ItemResult.accepted(position, eventId)
                            : BatchResult.ItemResult.rejected(position, "not stored, retry this item"),
                    failure));
        }
        return batch.handedOver();
    }

    /** Hands the event to the producer and tells {@code answer} its id once Kafka acknowledged it, or the failure. */
    private void publish(ActivityEvent event, BiConsumer<UUID, Throwable> answer) {
        CompletableFuture<EventMetadata> published;
        try {
            published = publisher.publish(event);
        }
        catch (RuntimeException ex) {
            // The producer may refuse before returning a future, e.g. when metadata is not available in time.
            published = CompletableFuture.failedFuture(ex);
        }
        published.whenComplete((metadata, failure) -> {
            if (failure != null) {
                log.warn("Could not publish {} of user {}: {}", event.getClass().getSimpleName(), event.userId(),
                        failure.toString());
                answer.accept(null, failure);
            }
            else {
                answer.accept(metadata.id(), null);
            }
        });
    }

    /**
     * A batch item ({@link BatchItem}'s shape) read into its request and validated; the error names each bad field,
     * those of the request under {@code data.}.
     */
    private Checked check(JsonNode item) {
        if (item == null || !item.isObject()) {
            return Checked.invalid("item: must be an object with eventType and data");
        }
        JsonNode eventType = item.get("eventType");
        Optional<ActivityType> type = eventType != null && eventType.isString()
                ? ActivityType.named(eventType.stringValue()) : Optional.empty();
        if (type.isEmpty()) {
            return Checked.invalid("eventType: must be one of " + ActivityType.names());
        }
        JsonNode data = item.get("data");
        if (data == null || !data.isObject()) {
            return Checked.invalid("data: must be an object");
        }
        ActivityRequest request;
        try {
            request = json.treeToValue(data, type.get().requestType());
        }
        catch (MismatchedInputException ex) {
            // Jackson's own message names Java types and echoes the value; the client gets the field and its type.
            FieldProblem problem = JsonFieldProblems.of(ex);
            return Checked.invalid((problem.field().isEmpty() ? "data" : "data." + problem.field()) + ": "
                    + problem.message());
        }
        catch (JacksonException ex) {
            return Checked.invalid("data: is not readable");
        }
        Set<ConstraintViolation<ActivityRequest>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return new Checked(request, null);
        }
        return Checked.invalid(violations.stream()
                .map(violation -> "data." + violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted(Comparator.naturalOrder())
                .reduce((first, second) -> first + "; " + second)
                .orElseThrow());
    }

    private Instant now() {
        return clock.instant();
    }

    /**
     * The answers of one batch, completed once, when the last item is answered: one counter and one array for the
     * whole request instead of a future per item joined at the end. The count starts one above the items, and
     * {@link #handedOver} takes that one back after the last item was handed to the producer, so the batch cannot
     * complete while items are still being read.
     */
    private static final class BatchCompletion {

        private final BatchResult.ItemResult[] results;
        private final AtomicInteger unanswered;
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final CompletableFuture<BatchResult> completed = new CompletableFuture<>();

        BatchCompletion(int items) {
            this.results = new BatchResult.ItemResult[items];
            this.unanswered = new AtomicInteger(items + 1);
        }

        void answered(int index, BatchResult.ItemResult result, Throwable sendFailure) {
            results[index] = result;
            if (sendFailure != null) {
                firstFailure.compareAndSet(null, sendFailure);
            }
            countDown();
        }

        CompletableFuture<BatchResult> handedOver() {
            countDown();
            return completed;
        }

        // The array's writes happen before the decrement that reaches zero, which the completing thread performs.
        private void countDown() {
            if (unanswered.decrementAndGet() > 0) {
                return;
            }
            BatchResult result = BatchResult.of(Arrays.asList(results));
            Throwable failure = firstFailure.get();
            if (failure != null && result.accepted() == 0) {
                completed.completeExceptionally(new ActivityNotPublished(failure));
            }
            else {
                completed.complete(result);
            }
        }
    }

    /** A batch item that is either a valid request or an error. */
    private record Checked(ActivityRequest request, String error) {

        static Checked invalid(String error) {
            return new Checked(null, error);
        }
    }
}
