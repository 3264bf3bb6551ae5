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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
        return publish(request.toEvent(client, now())).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                new ActivityNotPublished(failure)));
    }

    /**
     * Validates every item on its own, publishes the valid ones and completes once Kafka has answered for each:
     * an item Kafka refused is reported with its error so the client can resend just that one. Items arrive as raw
     * JSON so that one of the wrong shape ({@code 1}, {@code null}, a string) is that item's error, not the batch's.
     * Completes with {@link ActivityNotPublished} when items were valid but none of them could be published.
     */
    CompletableFuture<BatchResult> trackAll(List<JsonNode> items, ClientContext client) {
        List<CompletableFuture<BatchResult.ItemResult>> results = new ArrayList<>(items.size());
        List<Throwable> sendFailures = new ArrayList<>();
        var now = now();
        for (int index = 0; index < items.size(); index++) {
            int position = index;
            Checked item = check(items.get(index));
            if (item.error() != null) {
                results.add(CompletableFuture.completedFuture(BatchResult.ItemResult.rejected(position, item.error())));
                continue;
            }
            results.add(publish(item.request().toEvent(client, now))
                    .thenApply(eventId -> BatchResult.ItemResult.accepted(position, eventId))
                    .exceptionally(failure -> {
                        synchronized (sendFailures) {
                            sendFailures.add(failure);
                        }
                        return BatchResult.ItemResult.rejected(position, "not stored, retry this item");
                    }));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<BatchResult.ItemResult> itemResults = results.stream().map(CompletableFuture::join).toList();
            BatchResult result = BatchResult.of(itemResults);
            if (!sendFailures.isEmpty() && result.accepted() == 0) {
                return CompletableFuture.failedFuture(new ActivityNotPublished(sendFailures.getFirst()));
            }
            return CompletableFuture.completedFuture(result);
        });
    }

    private CompletableFuture<UUID> publish(ActivityEvent event) {
        CompletableFuture<UUID> published;
        try {
            published = publisher.publish(event).thenApply(EventMetadata::id);
        }
        catch (RuntimeException ex) {
            // The producer may refuse before returning a future, e.g. when metadata is not available in time.
            published = CompletableFuture.failedFuture(ex);
        }
        return published.whenComplete((eventId, failure) -> {
            if (failure != null) {
                log.warn("Could not publish {} of user {}: {}", event.getClass().getSimpleName(), event.userId(),
                        failure.toString());
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

    /** A batch item that is either a valid request or an error. */
    private record Checked(ActivityRequest request, String error) {

        static Checked invalid(String error) {
            return new Checked(null, error);
        }
    }
}
