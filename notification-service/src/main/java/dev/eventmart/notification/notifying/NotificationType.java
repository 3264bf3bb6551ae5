package dev.eventmart.notification.notifying;

import java.util.Set;

/** What a notification tells the customer; one of each per order at most. */
enum NotificationType {
    /** We received your order (it is on its way through stock and payment). */
    ORDER_RECEIVED,
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    ORDER_EXPIRED;

    /** The outcomes that end an order; after one of them "we received your order" would only confuse. */
    static final Set<NotificationType> OUTCOMES = Set.of(ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_EXPIRED);

    /** The template names of this type, e.g. {@code order-confirmed}. */
    String templateName() {
        return name().toLowerCase().replace('_', '-');
    }
}
