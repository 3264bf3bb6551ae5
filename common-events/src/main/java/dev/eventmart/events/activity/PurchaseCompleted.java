package dev.eventmart.events.activity;

import dev.eventmart.events.Required;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The storefront reported a completed purchase. */
public record PurchaseCompleted(@Required String userId, String sessionId, String orderId,
        @Required BigDecimal totalAmount, String currency, List<PurchasedItem> items, String paymentMethod,
        BigDecimal discountAmount, BigDecimal taxAmount, ClientContext client, @Required Instant occurredAt)
        implements ActivityEvent {

    public PurchaseCompleted {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(totalAmount, "totalAmount");
        items = items == null ? List.of() : List.copyOf(items);
        client = client == null ? ClientContext.UNKNOWN : client;
    }
}
