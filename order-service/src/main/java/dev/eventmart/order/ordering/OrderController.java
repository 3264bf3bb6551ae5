package dev.eventmart.order.ordering;

import dev.eventmart.support.security.Caller;
import dev.eventmart.support.security.NotYours;
import dev.eventmart.support.web.PlainText;
import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders over REST. What each operation answers, errors included, is in its annotations and the shared
 * {@code ProblemResponses}; the document is committed as {@code docs/api/order-service.json}.
 *
 * <p>Who may call is decided by {@link OrderApiAccess}; whose orders they see here, with the {@link Caller}: a
 * customer places, reads and cancels only their own (another customer's order is {@code 404}, as if it did not
 * exist), staff everyone's.
 */
@Tag(name = "Orders", description = "Place orders, follow them through the saga, cancel them while in flight")
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private static final String ORDER_EXAMPLE = """
            {"customerEmail": "alice@example.com", "currency": "EUR", "paymentToken": "tok_visa",
             "shippingAddress": {"street": "1 Analytical Way", "city": "London", "state": "LDN", "zipCode": "N1 9GU",
                                 "country": "GB"},
             "items": [{"productId": "P-1001", "quantity": 2}]}""";

    /** With at most 100 a page, the offset stays below 10 million: within the int a JPA query takes. */
    static final int MAX_PAGE = 100_000;

    private final OrderPlacement placement;
    private final CustomerCancellation cancellation;
    private final Orders orders;
    private final JsonMapper json;

    OrderController(OrderPlacement placement, CustomerCancellation cancellation, Orders orders, JsonMapper json) {
        this.placement = placement;
        this.cancellation = cancellation;
        this.orders = orders;
        this.json = json;
    }

    /**
     * Accepts the order; the saga finishes it asynchronously, so the answer is {@code 202} with where to look. An
     * empty {@code Idempotency-Key} is refused: every client sending one would share one key and get one order.
     */
    @Operation(summary = "Place an order", description = """
            Prices come from the catalog. The order is accepted as `PENDING` and finishes asynchronously \
            (`CONFIRMED`, `CANCELLED` or `EXPIRED`): follow it at `Location`. Send an `Idempotency-Key` to make \
            a retry answer with the same order instead of placing a second one; keys are the customer's own, and \
            another order under a key already used is refused (`422`, `urn:eventmart:problem:idempotency-key-reused`). \
            A customer orders as themselves (the token's subject; leave `customerId` out); staff name the customer \
            in `customerId`.""")
    @ApiResponse(responseCode = "202", description = "Accepted; the saga reserves stock and takes payment",
            headers = @Header(name = HttpHeaders.LOCATION, required = true, description = "The order's URL",
                    schema = @Schema(type = "string", format = "uri-reference", example = "/api/orders/"
                            + "0b9a3c2e-5f4d-4e8a-9c1b-2d3e4f5a6b7c")))
    @ApiResponse(responseCode = "403", description = "A customer naming another customer in `customerId`, or a "
            + "token without the role or scope")
    @ApiResponse(responseCode = "422", description = "A product that is unknown or withdrawn, or a currency the "
            + "catalog is not priced in, each named in `errors`; staff without `customerId`; or an `Idempotency-Key` "
            + "already used for another order. Nothing is stored")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping
    ResponseEntity<OrderAccepted> place(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(value = ORDER_EXAMPLE))) @Valid @RequestBody PlaceOrderRequest request,
            @Parameter(description = "A key of the client's choosing; the same key answers with the same order",
                    example = "checkout-7f3e2a")
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) @PlainText
            String idempotencyKey, Caller caller) {
        PlaceOrderRequest placed = request.forCustomer(customerOf(request, caller));
        IdempotencyKey key = IdempotencyKey.of(idempotencyKey, placed, json);
        Order order = placement.place(placed, key);
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + order.id()))
                .body(new OrderAccepted(order.id(), order.status(), order.total(), order.currency()));
    }

    /** A customer orders as themselves; staff for the customer they name. */
    private static String customerOf(PlaceOrderRequest request, Caller caller) {
        if (!caller.staff()) {
            if (request.customerId() != null && !request.customerId().equals(caller.subject())) {
                throw new NotYours();
            }
            return caller.subject();
        }
        if (request.customerId() == null) {
            throw new OrderRejected(List.of(new FieldProblem("customerId",
                    "staff place an order for a customer: name them")));
        }
        return request.customerId();
    }

    /**
     * With {@code waitFor}, the request is served by {@code live.LiveOrderController}, which waits without holding a
     * request thread; the parameters are documented here, on the one operation they belong to.
     */
    @Operation(summary = "An order with its status history", description = """
            With `waitFor=terminal` the answer waits until the order is final (`CONFIRMED`, `CANCELLED`, \
            `EXPIRED`), at most `timeoutMs` milliseconds, and then shows the order as it is: final, or still in \
            flight when the time ran out. To follow each step as it happens, use `GET /api/orders/{orderId}/events`.""")
    @Parameter(in = ParameterIn.QUERY, name = "waitFor", description = "Answer once the order is final",
            schema = @Schema(type = "string", allowableValues = "terminal"))
    @Parameter(in = ParameterIn.QUERY, name = "timeoutMs", description = "With `waitFor`: the longest wait, in "
            + "milliseconds", schema = @Schema(type = "integer", format = "int64", minimum = "1", maximum = "30000",
                    defaultValue = "10000"))
    @ApiResponse(responseCode = "200", description = "The order (with `waitFor`: once final, or as it is when "
            + "`timeoutMs` has passed)")
    @ApiResponse(responseCode = "404", description = "No order has this id, or it is another customer's")
    @GetMapping("/{orderId}")
    @Transactional(readOnly = true)
    OrderView one(@PathVariable UUID orderId, Caller caller) {
        return orders.findById(orderId).filter(order -> caller.mayAccess(order.customerId())).map(OrderView::of)
                .orElseThrow(() -> new OrderNotFound(orderId));
    }

    @Operation(summary = "A page of orders, newest first", description = """
            Every filter given must match. A customer sees only their own orders (`customerId` left out, or \
            their own); staff see everyone's.""")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "403", description = "A customer asking for another customer's orders")
    @GetMapping
    @Transactional(readOnly = true)
    OrderPage list(@Parameter(example = "alice") @RequestParam(required = false) @Size(max = 100) @PlainText
            String customerId,
            @RequestParam(required = false) OrderStatus status,
            @Parameter(description = "Zero-based") @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
        customerId = caller.ownerFilter(customerId);
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        Page<Order> found;
        if (customerId != null && status != null) {
            found = orders.findByCustomerIdAndStatus(customerId, status, request);
        }
        else if (customerId != null) {
            found = orders.findByCustomerId(customerId, request);
        }
        else if (status != null) {
            found = orders.findByStatus(status, request);
        }
        else {
            found = orders.findAll(request);
        }
        return new OrderPage(found.map(OrderView::of).getContent(), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    @Operation(summary = "Cancel an order while it is in flight",
            description = "Releases its stock and refunds its payment, if taken, through the saga.")
    @ApiResponse(responseCode = "200", description = "The cancelled order")
    @ApiResponse(responseCode = "404", description = "No order has this id, or it is another customer's")
    @ApiResponse(responseCode = "409", description = "The order is already final (`CONFIRMED`, `CANCELLED` or "
            + "`EXPIRED`); the problem says which in `orderStatus`")
    @PostMapping("/{orderId}/cancel")
    OrderView cancel(@PathVariable UUID orderId, Caller caller) {
        return OrderView.of(cancellation.cancel(orderId, caller));
    }

    record OrderAccepted(UUID orderId, OrderStatus status, BigDecimal total, String currency) {
    }

    record OrderPage(List<OrderView> content, int page, int size, long totalElements, int totalPages) {
    }
}
