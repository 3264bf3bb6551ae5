package dev.eventmart.payment.charging;

import dev.eventmart.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments by order. A list although an order has at most one payment: the contract stays the same should retries
 * with another card ever be allowed. A missing or malformed {@code orderId} is answered {@code 400} as a problem
 * detail by Spring MVC's standard handling. A customer sees the payments of their own orders only: another
 * customer's order answers as one that has not reached payment, so it reveals nothing ({@link PaymentApiAccess}).
 */
@Tag(name = "Payments", description = "What the payment service charged and refunded, by order")
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @Operation(summary = "The payments of an order", description = """
            Empty while the order has not reached payment, and for another customer's order: a customer sees \
            their own payments, staff everyone's.""")
    @GetMapping
    List<PaymentView> ofOrder(@Parameter(example = "0b9a3c2e-5f4d-4e8a-9c1b-2d3e4f5a6b7c") @RequestParam
            UUID orderId, Caller caller) {
        return payments.findByOrderId(orderId).filter(payment -> payment.visibleTo(caller)).map(PaymentView::of)
                .stream().toList();
    }
}
