package dev.eventmart.payment.charging;

import dev.eventmart.support.security.CustomersAndStaff;
import org.springframework.stereotype.Component;

/** Customers (their own payments, {@link PaymentController}) and staff, through a client granted {@code payments}. */
@Component
class PaymentApiAccess extends CustomersAndStaff {

    PaymentApiAccess() {
        super("payments");
    }
}
