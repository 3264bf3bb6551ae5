package dev.eventmart.order.live;

import dev.eventmart.order.ordering.OrderNotFound;
import dev.eventmart.order.ordering.OrderView;
import dev.eventmart.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Following an order as it moves: its status as Server-Sent Events, or one answer once it is final. Neither holds a
 * request thread while it waits: the request is registered with the {@link OrderWatchers}, and the notification
 * listener's thread answers it. Who may follow an order is who may read it ({@code GET /api/orders/{id}}): its
 * customer or staff; another customer's order is {@code 404}, before anything is streamed.
 */
@Tag(name = "Orders", description = "Place orders, follow them through the saga, cancel them while in flight")
@RestController
@RequestMapping("/api/orders")
class LiveOrderController {

    static final int MAX_WAIT_MILLIS = 30_000;

    private final OrderWatchers watchers;
    private final OrderViews views;
    private final LiveOrderProperties properties;

    LiveOrderController(OrderWatchers watchers, OrderViews views, LiveOrderProperties properties) {
        this.watchers = watchers;
        this.views = views;
        this.properties = properties;
    }

    @Operation(summary = "Follow an order's status as Server-Sent Events", description = """
            First a `status` event with the order as `GET /api/orders/{orderId}` shows it, then one for each change \
            of status; the stream ends once the order is final (`CONFIRMED`, `CANCELLED`, `EXPIRED`), or after ten \
            minutes (a browser's `EventSource` then reconnects). Each event's id is the number of steps in \
            `statusHistory`: a client reconnecting with `Last-Event-ID` is sent only newer states, and is answered \
            `204` (which stops an `EventSource`) when the order was already final at that step. A comment line \
            (`:heartbeat`) every 15 seconds keeps proxies from closing the connection.""")
    @ApiResponse(responseCode = "200", description = "The stream of `status` events, each one's data an order",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "204", description = "The order is final and the client has seen its last step "
            + "(`Last-Event-ID`): nothing more will come", content = @Content)
    @ApiResponse(responseCode = "404", description = "No order has this id, or it is another customer's")
    @GetMapping(path = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable UUID orderId,
            @Parameter(description = "The id of the last event received, sent by an `EventSource` when it reconnects")
            @RequestHeader(name = "Last-Event-ID", required = false) @Min(0) @Max(1000) Integer lastEventId,
            Caller caller) {
        int seen = lastEventId == null ? 0 : lastEventId;
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        OrderStream stream = new OrderStream(emitter, seen);
        OrderView order = watchAndRead(orderId, caller, stream);
        if (order.status().isTerminal() && order.statusHistory().size() <= seen) {
            watchers.unwatch(orderId, stream);
            return ResponseEntity.noContent().build();
        }
        Runnable end = () -> {
            stream.close();
            watchers.unwatch(orderId, stream);
        };
        emitter.onCompletion(end);
        emitter.onError(error -> end.run());
        emitter.onTimeout(() -> {
            end.run();
            emitter.complete();
        });
        stream.offer(order);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    /**
     * {@code GET /api/orders/{orderId}?waitFor=terminal}: documented on that operation ({@code OrderController}), of
     * which it is the waiting form.
     */
    @Operation(hidden = true)
    @GetMapping(path = "/{orderId}", params = "waitFor")
    DeferredResult<OrderView> whenFinal(@PathVariable UUID orderId,
            @RequestParam @Pattern(regexp = "terminal", message = "must be terminal") String waitFor,
            @RequestParam(defaultValue = "10000") @Min(1) @Max(MAX_WAIT_MILLIS) long timeoutMs, Caller caller) {
        DeferredResult<OrderView> result = new DeferredResult<>(timeoutMs);
        TerminalWait wait = new TerminalWait(result);
        result.onCompletion(() -> watchers.unwatch(orderId, wait));
        result.onTimeout(() -> result.setResult(views.find(orderId).orElseThrow(() -> new OrderNotFound(orderId))));
        wait.offer(watchAndRead(orderId, caller, wait));
        return result;
    }

    /**
     * Watches the order for {@code watcher}, then reads it as the caller may see it: watched before the read, so that
     * a change between the two is not missed (a watcher passes each step on once, however often it is offered). If
     * the caller may not see it, the watch is dropped again and {@link OrderNotFound} thrown.
     */
    private OrderView watchAndRead(UUID orderId, Caller caller, OrderWatcher watcher) {
        watchers.watch(orderId, watcher);
        try {
            return readable(orderId, caller);
        }
        catch (RuntimeException ex) {
            watchers.unwatch(orderId, watcher);
            throw ex;
        }
    }

    private OrderView readable(UUID orderId, Caller caller) {
        return views.find(orderId).filter(order -> caller.mayAccess(order.customerId()))
                .orElseThrow(() -> new OrderNotFound(orderId));
    }
}
