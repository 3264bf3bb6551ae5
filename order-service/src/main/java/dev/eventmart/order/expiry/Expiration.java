package dev.eventmart.order.expiry;

import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.order.ordering.Order;
import dev.eventmart.order.ordering.SagaMetrics;
import dev.eventmart.support.outbox.Outbox;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Expires one order the caller has locked, in the caller's transaction: the order ends {@code EXPIRED} and its
 * {@code OrderExpired} goes to the outbox with it, so inventory releases and payment refunds once. The expiry job
 * and staff's force-expire both end an order here, so they cannot drift apart.
 */
@Component
class Expiration {

    private final Outbox outbox;
    private final SagaMetrics metrics;

    Expiration(Outbox outbox, SagaMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The event, or nothing when the order is already final (and then nothing changed). */
    Optional<OrderExpired> expire(Order locked, Instant now) {
        Optional<OrderExpired> expired = locked.expire(now);
        expired.ifPresent(event -> {
            outbox.add(event);
            metrics.moved(locked);
        });
        return expired;
    }
}
