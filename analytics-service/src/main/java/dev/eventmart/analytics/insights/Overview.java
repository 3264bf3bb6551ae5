package dev.eventmart.analytics.insights;

import dev.eventmart.events.DomainEvent;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.order.OrderCancelled;
import dev.eventmart.events.order.OrderConfirmed;
import dev.eventmart.events.order.OrderExpired;
import dev.eventmart.events.order.OrderPlaced;
import java.math.BigDecimal;

/**
 * Shop-wide totals, kept under one key in the {@code overview} store. The same record is the delta one event adds,
 * so the aggregate is a plain sum of deltas. {@code revenue} is what the storefront reported as purchases;
 * {@code confirmedRevenue} is what order-service confirmed, the business figure (summed across currencies: the shop
 * sells in one).
 */
record Overview(long users, long pageViews, long productViews, long searches, long cartAdditions, long purchases,
        BigDecimal revenue, long ordersPlaced, long ordersConfirmed, long ordersCancelled, long ordersExpired,
        BigDecimal confirmedRevenue) {

    static final Overview EMPTY = new Overview(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, BigDecimal.ZERO);

    Overview {
        revenue = revenue == null ? BigDecimal.ZERO : revenue;
        confirmedRevenue = confirmedRevenue == null ? BigDecimal.ZERO : confirmedRevenue;
    }

    static Overview of(Tracked tracked) {
        long users = tracked.newUser() ? 1 : 0;
        return switch (tracked.event()) {
            case PageViewed ignored -> new Overview(users, 1, 0, 0, 0, 0, null, 0, 0, 0, 0, null);
            case ProductViewed ignored -> new Overview(users, 0, 1, 0, 0, 0, null, 0, 0, 0, 0, null);
            case SearchPerformed ignored -> new Overview(users, 0, 0, 1, 0, 0, null, 0, 0, 0, 0, null);
            case ProductAddedToCart ignored -> new Overview(users, 0, 0, 0, 1, 0, null, 0, 0, 0, 0, null);
            case PurchaseCompleted purchase -> new Overview(users, 0, 0, 0, 0, 1, purchase.totalAmount(), 0, 0, 0, 0,
                    null);
            default -> new Overview(users, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null);
        };
    }

    static Overview of(DomainEvent orderEvent) {
        return switch (orderEvent) {
            case OrderPlaced ignored -> new Overview(0, 0, 0, 0, 0, 0, null, 1, 0, 0, 0, null);
            case OrderConfirmed confirmed -> new Overview(0, 0, 0, 0, 0, 0, null, 0, 1, 0, 0,
                    confirmed.total().amount());
            case OrderCancelled ignored -> new Overview(0, 0, 0, 0, 0, 0, null, 0, 0, 1, 0, null);
            case OrderExpired ignored -> new Overview(0, 0, 0, 0, 0, 0, null, 0, 0, 0, 1, null);
            default -> EMPTY;
        };
    }

    Overview plus(Overview other) {
        return new Overview(users + other.users, pageViews + other.pageViews, productViews + other.productViews,
                searches + other.searches, cartAdditions + other.cartAdditions, purchases + other.purchases,
                revenue.add(other.revenue), ordersPlaced + other.ordersPlaced,
                ordersConfirmed + other.ordersConfirmed, ordersCancelled + other.ordersCancelled,
                ordersExpired + other.ordersExpired, confirmedRevenue.add(other.confirmedRevenue));
    }
}
