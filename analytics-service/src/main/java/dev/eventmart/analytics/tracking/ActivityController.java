package dev.eventmart.analytics.tracking;

import dev.eventmart.events.activity.ClientContext;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The ingestion API. Each endpoint answers {@code 202 {eventId}} once Kafka has acknowledged the event, so an
 * accepted event survives a crash of this service. Handlers return a future: the request is suspended (Servlet
 * async) until Kafka answers, and no thread waits for the acknowledgement. When handing the event to the producer
 * itself can block, and for how long, is said on {@link ActivityTracking}.
 */
@RestController
@RequestMapping("/api/activity")
class ActivityController {

    private final ActivityTracking tracking;
    private final IngestionCapacity capacity;
    private final TrackingProperties properties;

    ActivityController(ActivityTracking tracking, IngestionCapacity capacity, TrackingProperties properties) {
        this.tracking = tracking;
        this.capacity = capacity;
        this.properties = properties;
    }

    @PostMapping("/pageview")
    CompletableFuture<ResponseEntity<Accepted>> pageView(@Valid @RequestBody ActivityRequest.PageView request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @PostMapping("/productview")
    CompletableFuture<ResponseEntity<Accepted>> productView(@Valid @RequestBody ActivityRequest.ProductView request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @PostMapping("/search")
    CompletableFuture<ResponseEntity<Accepted>> search(@Valid @RequestBody ActivityRequest.Search request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @PostMapping("/addtocart")
    CompletableFuture<ResponseEntity<Accepted>> addToCart(@Valid @RequestBody ActivityRequest.AddToCart request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @PostMapping("/purchase")
    CompletableFuture<ResponseEntity<Accepted>> purchase(@Valid @RequestBody ActivityRequest.Purchase request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @PostMapping("/auth")
    CompletableFuture<ResponseEntity<Accepted>> auth(@Valid @RequestBody ActivityRequest.Auth request,
            HttpServletRequest http) {
        return track(request, http);
    }

    /**
     * Up to {@code eventmart.analytics.tracking.max-batch-size} items of any type; each is read and validated on its
     * own, so one bad item, even one that is not an object, does not cost the others. An empty batch, or a body that
     * is not a JSON array, is a client error.
     */
    @PostMapping("/batch")
    CompletableFuture<ResponseEntity<BatchResult>> batch(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    array = @ArraySchema(schema = @Schema(implementation = BatchItem.class))))
            @RequestBody @NotEmpty List<JsonNode> items, HttpServletRequest http) {
        if (items.size() > properties.maxBatchSize()) {
            throw new BatchTooLarge(items.size(), properties.maxBatchSize());
        }
        ClientContext client = ClientContexts.of(http);
        return capacity.admit(items.size(), () -> tracking.trackAll(items, client))
                .thenApply(result -> ResponseEntity.accepted().body(result));
    }

    private CompletableFuture<ResponseEntity<Accepted>> track(ActivityRequest request, HttpServletRequest http) {
        ClientContext client = ClientContexts.of(http);
        return capacity.admit(1, () -> tracking.track(request, client))
                .thenApply(eventId -> ResponseEntity.accepted().body(new Accepted(eventId)));
    }

    record Accepted(UUID eventId) {
    }
}
