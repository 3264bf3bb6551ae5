package dev.eventmart.analytics.tracking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The activity types of the ingestion API, by the name their endpoint and a batch item use. */
enum ActivityType {

    PAGEVIEW(ActivityRequest.PageView.class),
    PRODUCTVIEW(ActivityRequest.ProductView.class),
    SEARCH(ActivityRequest.Search.class),
    ADDTOCART(ActivityRequest.AddToCart.class),
    PURCHASE(ActivityRequest.Purchase.class),
    AUTH(ActivityRequest.Auth.class);

    private final Class<? extends ActivityRequest> requestType;

    ActivityType(Class<? extends ActivityRequest> requestType) {
        this.requestType = requestType;
    }

    Class<? extends ActivityRequest> requestType() {
        return requestType;
    }

    static Optional<ActivityType> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.name().equals(wanted)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(type -> type.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
