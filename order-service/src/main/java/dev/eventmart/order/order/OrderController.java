package dev.eventmart.order.order;

import dev.eventmart.support.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    /** With at most 100 a page, the offset stays below 10 million: within the int a JPA query takes. */
    static final int MAX_PAGE = 100_000;

    private final OrderPlacement placement;
    private final CustomerCancellation cancellation;
    private final Orders orders;

    OrderController(OrderPlacement placement, CustomerCancellation cancellation, Orders orders) {
        this.placement = placement;
        this.cancellation = cancellation;
        this.orders = orders;
    }

    /**
     * Accepts the order; the saga finishes it asynchronously, so the answer is {@code 202} with where to look. An
     * empty {@code Idempotency-Key} is refused: every client sending one would share one key and get one order.
     */
    @PostMapping
    ResponseEntity<OrderAccepted> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) @PlainText
            String idempotencyKey) {
        Order order;
        try {
            order = placement.place(request, idempotencyKey);
        }
        catch (DataIntegrityViolationException ex) {
            // Two retries with the same key raced; the unique key let one win, answer with its order. Without a
            // key there was no race to lose: the failure is what it is.
            if (idempotencyKey == null) {
                throw ex;
            }
            order = orders.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> ex);
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + order.id()))
                .body(new OrderAccepted(order.id(), order.status(), order.total(), order.currency()));
    }

    @GetMapping("/{orderId}")
    @Transactional(readOnly = true)
    OrderView one(@PathVariable UUID orderId) {
        return orders.findById(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFound(orderId));
    }

    @GetMapping
    @Transactional(readOnly = true)
    OrderPage list(@RequestParam(required = false) @Size(max = 100) @PlainText String customerId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
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

    @PostMapping("/{orderId}/cancel")
    OrderView cancel(@PathVariable UUID orderId) {
        return OrderView.of(cancellation.cancel(orderId));
    }

    record OrderAccepted(UUID orderId, OrderStatus status, BigDecimal total, String currency) {
    }

    record OrderPage(List<OrderView> content, int page, int size, long totalElements, int totalPages) {
    }
}
