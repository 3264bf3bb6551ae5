package dev.eventmart.analytics.insights;

import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.PurchasedItem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * What one activity event adds to one product's numbers. Travels keyed by product id on the {@code product-activity}
 * repartition topic, so every change to a product meets in one task.
 */
record ProductDelta(String productName, String category, long views, long uniqueViewers, long viewDurationSeconds,
        long viewDurationSamples, long cartAdditions, long purchases, BigDecimal revenue) {

    ProductDelta {
        revenue = revenue == null ? BigDecimal.ZERO : revenue;
    }

    /** The products an event is about, each with its delta; none for activity that concerns no product. */
    static List<KeyValue<String, ProductDelta>> of(Tracked tracked) {
        return switch (tracked.event()) {
            case ProductViewed view -> List.of(KeyValue.pair(view.productId(), new ProductDelta(view.productName(),
                    view.category(), 1, tracked.newViewer() ? 1 : 0,
                    view.viewDurationSeconds() == null ? 0 : view.viewDurationSeconds(),
                    view.viewDurationSeconds() == null ? 0 : 1, 0, 0, BigDecimal.ZERO)));
            case ProductAddedToCart cart -> List.of(KeyValue.pair(cart.productId(),
                    new ProductDelta(null, null, 0, 0, 0, 0, 1, 0, BigDecimal.ZERO)));
            case PurchaseCompleted purchase -> purchased(purchase);
            default -> List.of();
        };
    }

    /**
     * One delta per product of the purchase, its purchases counted in units: an item of quantity 2 is two purchases
     * of the product, and a product on several lines adds up its lines' quantities and totals.
     */
    private static List<KeyValue<String, ProductDelta>> purchased(PurchaseCompleted purchase) {
        Map<String, ProductDelta> byProduct = new LinkedHashMap<>();
        for (PurchasedItem item : purchase.items()) {
            byProduct.merge(item.productId(), new ProductDelta(null, null, 0, 0, 0, 0, 0, item.quantity(),
                    lineTotal(item)), ProductDelta::plus);
        }
        return byProduct.entrySet().stream().map(line -> KeyValue.pair(line.getKey(), line.getValue())).toList();
    }

    /** Both purchase lines of one product together; only purchases and revenue are ever set on a purchase line. */
    private ProductDelta plus(ProductDelta other) {
        return new ProductDelta(null, null, 0, 0, 0, 0, 0, purchases + other.purchases, revenue.add(other.revenue));
    }

    private static BigDecimal lineTotal(PurchasedItem item) {
        if (item.totalPrice() != null) {
            return item.totalPrice();
        }
        return item.unitPrice() == null ? BigDecimal.ZERO : item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()));
    }
}
