package dev.eventmart.order.ordering;

import dev.eventmart.support.outbox.Outbox;
import dev.eventmart.support.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer (or staff for them) cancels an order still in flight; inventory and payment compensate on
 * {@code OrderCancelled}. Another customer's order is not found, as if it did not exist.
 */
@Service
class CustomerCancellation {

    private final Orders orders;
    private final Outbox outbox;
    private final Clock clock;
    private final SagaMetrics metrics;

    CustomerCancellation(Orders orders, Outbox outbox, Clock clock, SagaMetrics metrics) {
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    Order cancel(UUID orderId, Caller caller) {
        Order order = orders.findForUpdate(orderId).filter(found -> caller.mayAccess(found.customerId()))
                .orElseThrow(() -> new OrderNotFound(orderId));
        outbox.add(order.cancel(OrderReason.CUSTOMER_REQUEST, "cancelled by the customer", clock.instant())
                .orElseThrow(() -> new OrderAlreadyFinished(order)));
        metrics.moved(order);
        return order;
    }
}
