package dev.eventmart.payment.payment;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments by order. A list although an order has at most one payment: the contract stays the same should retries
 * with another card ever be allowed. A missing or malformed {@code orderId} is answered {@code 400} as a problem
 * detail by Spring MVC's standard handling.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    List<PaymentView> ofOrder(@RequestParam UUID orderId) {
        return payments.findByOrderId(orderId).map(PaymentView::of).stream().toList();
    }
}
