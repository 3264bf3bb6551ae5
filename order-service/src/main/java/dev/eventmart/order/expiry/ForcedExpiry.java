package dev.eventmart.order.expiry;

import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.order.ordering.Order;
import dev.eventmart.order.ordering.OrderAlreadyFinished;
import dev.eventmart.order.ordering.OrderNotFound;
import dev.eventmart.order.ordering.OrderView;
import dev.eventmart.order.ordering.Orders;
import dev.eventmart.support.security.Caller;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff end a stuck order now instead of waiting for the expiry job, with the same compensation. The order's row
 * lock serialises this with a late saga reply, a customer cancel and the job: whichever comes second finds the order
 * final and changes nothing (here: {@link OrderAlreadyFinished}, {@code 409}).
 */
@Service
class ForcedExpiry {

    private static final Logger log = LoggerFactory.getLogger(ForcedExpiry.class);

    private final Orders orders;
    private final Expiration expiration;
    private final Clock clock;

    ForcedExpiry(Orders orders, Expiration expiration, Clock clock) {
        this.orders = orders;
        this.expiration = expiration;
        this.clock = clock;
    }

    @Transactional
    OrderView expire(UUID orderId, Caller staff) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        OrderExpired expired = expiration.expire(order, clock.instant())
                .orElseThrow(() -> new OrderAlreadyFinished(order));
        // The audit trail of an operator's action: who, on which order, from where.
        log.info("Order {} force-expired by {} while {}", orderId, staff.subject(), expired.lastStatus());
        return OrderView.of(order);
    }
}
