package dev.eventmart.analytics.tracking;

import dev.eventmart.events.activity.ClientContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The ingestion API. Each endpoint answers {@code 202 {eventId}} once Kafka has acknowledged the event, so an
 * accepted event survives a crash of this service. Handlers return a future: the request is suspended (Servlet
 * async) until Kafka answers, and no thread waits for the acknowledgement. When handing the event to the producer
 * itself can block, and for how long, is said on {@link ActivityTracking}. Each handler's {@code @ResponseStatus} is
 * the {@code 202} its {@code ResponseEntity} answers, declared for the API document, which cannot see inside a future.
 */
@Tag(name = "Activity", description = "Track shop activity; each event is accepted once Kafka has acknowledged it")
@RestController
@RequestMapping("/api/activity")
class ActivityController {

    private static final String PAGE_VIEW_EXAMPLE = """
            {"userId": "ada", "sessionId": "s-42", "pageUrl": "/products/P-1001", "pageTitle": "Mechanical keyboard",
             "loadTimeMs": 120, "previousPage": "/"}""";
    private static final String BATCH_EXAMPLE = """
            [{"eventType": "pageview", "data": {"userId": "ada", "sessionId": "s-42", "pageUrl": "/"}},
             {"eventType": "addtocart", "data": {"userId": "ada", "sessionId": "s-42", "productId": "P-1001",
                                                 "quantity": 1}}]""";

    private final ActivityTracking tracking;
    private final IngestionCapacity capacity;
    private final TrackingProperties properties;

    ActivityController(ActivityTracking tracking, IngestionCapacity capacity, TrackingProperties properties) {
        this.tracking = tracking;
        this.capacity = capacity;
        this.properties = properties;
    }

    @Operation(summary = "Track a page view")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/pageview")
    CompletableFuture<ResponseEntity<Accepted>> pageView(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = PAGE_VIEW_EXAMPLE))) @Valid @RequestBody ActivityRequest.PageView request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @Operation(summary = "Track a product view")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/productview")
    CompletableFuture<ResponseEntity<Accepted>> productView(@Valid @RequestBody ActivityRequest.ProductView request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @Operation(summary = "Track a search")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/search")
    CompletableFuture<ResponseEntity<Accepted>> search(@Valid @RequestBody ActivityRequest.Search request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @Operation(summary = "Track an item added to the cart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/addtocart")
    CompletableFuture<ResponseEntity<Accepted>> addToCart(@Valid @RequestBody ActivityRequest.AddToCart request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @Operation(summary = "Track a purchase")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/purchase")
    CompletableFuture<ResponseEntity<Accepted>> purchase(@Valid @RequestBody ActivityRequest.Purchase request,
            HttpServletRequest http) {
        return track(request, http);
    }

    @Operation(summary = "Track a login, logout or sign-up")
    @ResponseStatus(HttpStatus.ACCEPTED)
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
    @Operation(summary = "Track up to max-batch-size events of any type",
            description = "Each item is accepted or rejected on its own; `results` says which, in the items' order.")
    @ApiResponse(responseCode = "202", description = "Every item read; the accepted ones acknowledged by Kafka")
    @ApiResponse(responseCode = "413", description = "More items than the batch size allows, or a body larger than "
            + "the request size limit; nothing of it is published")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/batch")
    CompletableFuture<ResponseEntity<BatchResult>> batch(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    array = @ArraySchema(schema = @Schema(implementation = BatchItem.class)),
                    examples = @ExampleObject(value = BATCH_EXAMPLE)))
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
