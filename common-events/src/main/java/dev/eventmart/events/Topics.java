package dev.eventmart.events;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every Kafka topic of EventMart. Names follow {@code <service>.<entity>.<action>}; each topic has a dead-letter
 * topic {@code <topic>.dlt} for messages that can never be processed.
 */
public final class Topics {

    public static final String ORDER_PLACED = "order.order.placed";
    public static final String PAYMENT_REQUESTED = "order.payment.requested";
    public static final String ORDER_CONFIRMED = "order.order.confirmed";
    public static final String ORDER_CANCELLED = "order.order.cancelled";
    public static final String ORDER_EXPIRED = "order.order.expired";

    public static final String STOCK_RESERVED = "inventory.stock.reserved";
    public static final String STOCK_REJECTED = "inventory.stock.rejected";
    public static final String STOCK_RELEASED = "inventory.stock.released";
    /** Latest state of every product, keyed by product id; compacted. */
    public static final String PRODUCT_SNAPSHOT = "inventory.product.snapshot";

    public static final String PAYMENT_AUTHORIZED = "payment.payment.authorized";
    public static final String PAYMENT_DECLINED = "payment.payment.declined";
    public static final String PAYMENT_REFUNDED = "payment.payment.refunded";

    public static final String EMAIL_SENT = "notification.email.sent";

    public static final String ACTIVITY_TRACKED = "analytics.activity.tracked";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Every topic, without the dead-letter topics. */
    public static final List<String> ALL = List.of(
            ORDER_PLACED, PAYMENT_REQUESTED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_EXPIRED,
            STOCK_RESERVED, STOCK_REJECTED, STOCK_RELEASED, PRODUCT_SNAPSHOT,
            PAYMENT_AUTHORIZED, PAYMENT_DECLINED, PAYMENT_REFUNDED,
            EMAIL_SENT,
            ACTIVITY_TRACKED);

    /** Topics that hold the latest value per key rather than a history. */
    public static final Set<String> COMPACTED = Set.of(PRODUCT_SNAPSHOT);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }

    /** Every topic followed by its dead-letter topic. */
    public static List<String> allWithDeadLetters() {
        return ALL.stream().flatMap(topic -> Stream.of(topic, deadLetterOf(topic))).toList();
    }
}
