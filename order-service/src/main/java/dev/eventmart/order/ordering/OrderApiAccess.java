package dev.eventmart.order.ordering;

import dev.eventmart.support.security.CustomersAndStaff;
import org.springframework.stereotype.Component;

/**
 * Who may use the orders API: customers (their own orders, decided in {@link OrderController} with the caller) and
 * staff (everyone's, and placing an order for a named customer), each through a client granted the {@code orders}
 * scope.
 */
@Component
class OrderApiAccess extends CustomersAndStaff {

    OrderApiAccess() {
        super("orders");
    }
}
