package dev.eventmart.analytics;

import dev.eventmart.events.Money;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.PurchasedItem;
import dev.eventmart.events.order.CancellationReason;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderLine;
import dev.eventmart.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Events as the other services publish them, for tests that write to the topics directly: order events (order-service
 * publishes them) and activity with a chosen time.
 */
final class Fixtures {

    private static final ClientContext CLIENT = ClientContext.UNKNOWN;

    private Fixtures() {
    }

    /** Now, at the precision events carry on the wire. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static PageViewed pageView(String userId, String sessionId, Instant at) {
        return new PageViewed(userId, sessionId, "/", "Home", 120L, null, CLIENT, at);
    }

    static ProductViewed productView(String userId, String sessionId, String productId, int seconds, Instant at) {
        return new ProductViewed(userId, sessionId, productId, "Product " + productId, "Keyboards",
                new BigDecimal("20.00"), seconds, "search", CLIENT, at);
    }

    static ProductAddedToCart addToCart(String userId, String sessionId, String productId, Instant at) {
        return new ProductAddedToCart(userId, sessionId, productId, 2, new BigDecimal("20.00"),
                new BigDecimal("40.00"), 2, CLIENT, at);
    }

    static PurchaseCompleted purchase(String userId, String sessionId, String productId, int quantity,
            String unitPrice, Instant at) {
        BigDecimal price = new BigDecimal(unitPrice);
        BigDecimal total = price.multiply(BigDecimal.valueOf(quantity));
        return new PurchaseCompleted(userId, sessionId, "O-" + UUID.randomUUID(), total, "EUR",
                List.of(new PurchasedItem(productId, quantity, price, total)), "card", BigDecimal.ZERO,
                BigDecimal.ZERO, CLIENT, at);
    }

    static OrderPlaced placed(UUID orderId, String total, Instant at) {
        return new OrderPlaced(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"), null, at);
    }

    static OrderConfirmed confirmed(UUID orderId, String total, Instant at) {
        return new OrderConfirmed(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"),
                UUID.randomUUID(), at);
    }

    static OrderCancelled cancelled(UUID orderId, String total, Instant at) {
        return new OrderCancelled(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"),
                CancellationReason.PAYMENT_DECLINED, null, at);
    }

    static OrderExpired expired(UUID orderId, String total, Instant at) {
        return new OrderExpired(orderId, "ada", "ada@example.com", lines(total), Money.of(total, "EUR"), "RESERVED",
                at);
    }

    private static List<OrderLine> lines(String total) {
        return List.of(new OrderLine("P-1", "SKU-1", "Keyboard", 1, Money.of(total, "EUR"), Money.of(total, "EUR")));
    }
}
