package dev.eventmart.order.expiry;

import dev.eventmart.order.expiry.StuckOrders.StuckOrder;
import dev.eventmart.order.ordering.OrderView;
import dev.eventmart.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stuck sagas, for staff ({@link OperationsApiAccess}): the orders in flight for too long, and ending one now as the
 * expiry job would.
 */
@Tag(name = "Operations", description = "Staff only: find orders stuck in the saga and force-expire them")
@RestController
@RequestMapping("/api/operations/stuck-orders")
class StuckOrderController {

    private final StuckOrders stuckOrders;
    private final ForcedExpiry forcedExpiry;

    StuckOrderController(StuckOrders stuckOrders, ForcedExpiry forcedExpiry) {
        this.stuckOrders = stuckOrders;
        this.forcedExpiry = forcedExpiry;
    }

    @Operation(summary = "Orders in flight for longer than a threshold, oldest first", description = """
            Orders still `PENDING` or `RESERVED` placed more than `olderThan` ago, each with the step it last took \
            and its age in seconds.""")
    @ApiResponse(responseCode = "200", description = "The stuck orders, at most `limit`")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the `orders` scope")
    @GetMapping
    StuckOrderList list(
            @Parameter(description = "ISO-8601 duration, positive", schema = @Schema(type = "string",
                    example = "PT5M")) @RequestParam(defaultValue = "PT5M")
            @DurationMin(nanos = 1, message = "must be a positive duration") Duration olderThan,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new StuckOrderList(olderThan.toString(), stuckOrders.olderThan(olderThan, limit));
    }

    @Operation(summary = "Force-expire an order in flight", description = """
            Ends the order `EXPIRED` now, exactly as the expiry job does: its stock is released and its payment, \
            if taken, refunded. Audited in the log with the caller.""")
    @ApiResponse(responseCode = "200", description = "The expired order")
    @ApiResponse(responseCode = "403", description = "A caller without the staff role or the `orders` scope")
    @ApiResponse(responseCode = "404", description = "No order has this id")
    @ApiResponse(responseCode = "409", description = "The order is already final (`CONFIRMED`, `CANCELLED` or "
            + "`EXPIRED`); the problem says which in `orderStatus`")
    @PostMapping("/{orderId}/expire")
    OrderView expire(@PathVariable UUID orderId, Caller caller) {
        return forcedExpiry.expire(orderId, caller);
    }

    /** The orders found, with the threshold they were found with (ISO-8601). */
    record StuckOrderList(@Schema(example = "PT5M") String olderThan, List<StuckOrder> orders) {
    }
}
