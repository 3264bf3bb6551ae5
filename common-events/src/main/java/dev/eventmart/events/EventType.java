package dev.eventmart.events;

import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.activity.UserAuthenticated;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.events.payment.PaymentRefunded;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of event types: which record travels under which CloudEvents {@code type} and schema version,
 * on which topic. A breaking change to a payload gets a new constant with a new version and record, and
 * consumers handle both side by side; additive changes (a new optional field) keep the version. A new constant
 * in an enum the payload carries is <em>not</em> additive: consumers that do not know it cannot read the event.
 * Each type and version has its published JSON Schema in {@code docs/events/schemas}; the build refuses a record
 * change that breaks it.
 */
public enum EventType {

    ORDER_PLACED(OrderPlaced.class, "order.placed", Topics.ORDER_PLACED),
    PAYMENT_REQUESTED(PaymentRequested.class, "order.payment-requested", Topics.PAYMENT_REQUESTED),
    ORDER_CONFIRMED(OrderConfirmed.class, "order.confirmed", Topics.ORDER_CONFIRMED),
    ORDER_CANCELLED(OrderCancelled.class, "order.cancelled", Topics.ORDER_CANCELLED),
    ORDER_EXPIRED(OrderExpired.class, "order.expired", Topics.ORDER_EXPIRED),

    STOCK_RESERVED(StockReserved.class, "inventory.stock-reserved", Topics.STOCK_RESERVED),
    STOCK_REJECTED(StockRejected.class, "inventory.stock-rejected", Topics.STOCK_REJECTED),
    STOCK_RELEASED(StockReleased.class, "inventory.stock-released", Topics.STOCK_RELEASED),
    PRODUCT_SNAPSHOT(ProductSnapshot.class, "inventory.product-snapshot", Topics.PRODUCT_SNAPSHOT),

    PAYMENT_AUTHORIZED(PaymentAuthorized.class, "payment.authorized", Topics.PAYMENT_AUTHORIZED),
    PAYMENT_DECLINED(PaymentDeclined.class, "payment.declined", Topics.PAYMENT_DECLINED),
    PAYMENT_REFUNDED(PaymentRefunded.class, "payment.refunded", Topics.PAYMENT_REFUNDED),

    EMAIL_SENT(EmailSent.class, "notification.email-sent", Topics.EMAIL_SENT),

    PAGE_VIEWED(PageViewed.class, "activity.page-viewed", Topics.ACTIVITY_TRACKED),
    PRODUCT_VIEWED(ProductViewed.class, "activity.product-viewed", Topics.ACTIVITY_TRACKED),
    SEARCH_PERFORMED(SearchPerformed.class, "activity.search-performed", Topics.ACTIVITY_TRACKED),
    PRODUCT_ADDED_TO_CART(ProductAddedToCart.class, "activity.product-added-to-cart", Topics.ACTIVITY_TRACKED),
    PURCHASE_COMPLETED(PurchaseCompleted.class, "activity.purchase-completed", Topics.ACTIVITY_TRACKED),
    USER_AUTHENTICATED(UserAuthenticated.class, "activity.user-authenticated", Topics.ACTIVITY_TRACKED);

    private static final String TYPE_PREFIX = "dev.eventmart.";

    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private static final Map<String, EventType> BY_TYPE_AND_VERSION = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> key(t.type(), t.version()), Function.identity()));

    private final Class<? extends DomainEvent> payloadType;
    private final String type;
    private final String topic;
    private final int version;

    EventType(Class<? extends DomainEvent> payloadType, String name, String topic) {
        this(payloadType, name, topic, 1);
    }

    EventType(Class<? extends DomainEvent> payloadType, String name, String topic, int version) {
        this.payloadType = payloadType;
        this.type = TYPE_PREFIX + name;
        this.topic = topic;
        this.version = version;
    }

    public Class<? extends DomainEvent> payloadType() {
        return payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code dev.eventmart.order.placed}. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public int version() {
        return version;
    }

    public static EventType of(DomainEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> payloadType) {
        EventType eventType = BY_CLASS.get(payloadType);
        if (eventType == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not a registered event type");
        }
        return eventType;
    }

    public static Optional<EventType> find(String type, int version) {
        return Optional.ofNullable(BY_TYPE_AND_VERSION.get(key(type, version)));
    }

    private static String key(String type, int version) {
        return type + "/v" + version;
    }
}
