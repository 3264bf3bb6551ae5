package dev.eventmart.events;

import dev.eventmart.events.activity.AuthAction;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.PurchasedItem;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.activity.UserAuthenticated;
import dev.eventmart.events.inventory.ProductSnapshot;
import dev.eventmart.events.inventory.StockLine;
import dev.eventmart.events.inventory.StockRejected;
import dev.eventmart.events.inventory.StockReleased;
import dev.eventmart.events.inventory.StockReserved;
import dev.eventmart.events.inventory.StockShortage;
import dev.eventmart.events.notification.EmailSent;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import dev.eventmart.events.order.PaymentRequested;
import dev.eventmart.events.order.ShippingAddress;
import dev.eventmart.events.payment.PaymentAuthorized;
import dev.eventmart.events.payment.PaymentDeclined;
import dev.eventmart.events.payment.PaymentRefunded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every event type, with amounts that a binary float could not hold exactly. */
final class EventSamples {

    static final UUID ORDER_ID = UUID.fromString("0f8a4c1e-3b7d-4f6a-9c2e-5d1b8a7e6f40");
    static final UUID PAYMENT_ID = UUID.fromString("7c2d9e4a-1f3b-4a8c-b6d5-2e9f0a1b3c4d");
    static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");
    static final ClientContext CLIENT = new ClientContext("Mozilla/5.0 (iPhone)", DeviceType.MOBILE, "203.0.113.7");

    private EventSamples() {
    }

    static DomainEvent of(EventType type) {
        return switch (type) {
            case ORDER_PLACED -> new OrderPlaced(ORDER_ID, "customer-42", "ada@example.com", lines(), total(),
                    new ShippingAddress("1 Main St", "Springfield", "IL", "62701", "US"), AT);
            case PAYMENT_REQUESTED -> new PaymentRequested(ORDER_ID, "customer-42", total(), "tok_visa", AT);
            case ORDER_CONFIRMED -> new OrderConfirmed(ORDER_ID, "customer-42", "ada@example.com", lines(), total(),
                    PAYMENT_ID, AT);
            case ORDER_CANCELLED -> new OrderCancelled(ORDER_ID, "customer-42", "ada@example.com", lines(), total(),
                    CancellationReason.PAYMENT_DECLINED, "card_declined", AT);
            case ORDER_EXPIRED -> new OrderExpired(ORDER_ID, "customer-42", "ada@example.com", lines(), total(),
                    "RESERVED", AT);
            case STOCK_RESERVED -> new StockReserved(ORDER_ID, stockLines(), AT);
            case STOCK_REJECTED -> new StockRejected(ORDER_ID, List.of(new StockShortage("P-1001", 3, 1)), AT);
            case STOCK_RELEASED -> new StockReleased(ORDER_ID, stockLines(), AT);
            case PRODUCT_SNAPSHOT -> new ProductSnapshot("P-1001", "KB-001", "Mechanical keyboard", "peripherals",
                    Money.of("89.10", "EUR"), true, 7, AT);
            case PAYMENT_AUTHORIZED -> new PaymentAuthorized(ORDER_ID, PAYMENT_ID, total(), AT);
            case PAYMENT_DECLINED -> new PaymentDeclined(ORDER_ID, PAYMENT_ID, total(), "card_declined", AT);
            case PAYMENT_REFUNDED -> new PaymentRefunded(ORDER_ID, PAYMENT_ID, total(), AT);
            case EMAIL_SENT -> new EmailSent(UUID.fromString("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"), ORDER_ID,
                    "ORDER_CONFIRMED", "ada@example.com", AT);
            case PAGE_VIEWED -> new PageViewed("user-1", "session-1", "/products/P-1001", "Keyboard", 120L, "/",
                    CLIENT, AT);
            case PRODUCT_VIEWED -> new ProductViewed("user-1", "session-1", "P-1001", "Mechanical keyboard",
                    "peripherals", new BigDecimal("89.10"), 42, "search", CLIENT, AT);
            case SEARCH_PERFORMED -> new SearchPerformed("user-1", "session-1", "keyboard", 12,
                    Map.of("category", "peripherals"), "priceAsc", 35L, CLIENT, AT);
            case PRODUCT_ADDED_TO_CART -> new ProductAddedToCart("user-1", "session-1", "P-1001", 2,
                    new BigDecimal("89.10"), new BigDecimal("178.20"), 2, CLIENT, AT);
            case PURCHASE_COMPLETED -> new PurchaseCompleted("user-1", "session-1", ORDER_ID.toString(),
                    new BigDecimal("178.20"), "EUR",
                    List.of(new PurchasedItem("P-1001", 2, new BigDecimal("89.10"), new BigDecimal("178.20"))),
                    "card", new BigDecimal("0.10"), new BigDecimal("0.30"), CLIENT, AT);
            case USER_AUTHENTICATED -> new UserAuthenticated("user-1", "session-1", AuthAction.LOGIN, "password",
                    true, null, CLIENT, AT);
        };
    }

    private static List<OrderLine> lines() {
        return List.of(
                new OrderLine("P-1001", "KB-001", "Mechanical keyboard", 2, Money.of("89.10", "EUR"),
                        Money.of("178.20", "EUR")),
                new OrderLine("P-1002", "MS-002", "Mouse", 1, Money.of("0.30", "EUR"), Money.of("0.30", "EUR")));
    }

    private static Money total() {
        return Money.of("178.50", "EUR");
    }

    private static List<StockLine> stockLines() {
        return List.of(new StockLine("P-1001", 2), new StockLine("P-1002", 1));
    }
}
