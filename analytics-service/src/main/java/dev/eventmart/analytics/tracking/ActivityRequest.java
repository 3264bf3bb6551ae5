package dev.eventmart.analytics.tracking;

import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.activity.AuthAction;
import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.PurchasedItem;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.activity.UserAuthenticated;
import dev.eventmart.support.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a storefront reports, one record per activity type, with the seed API's field names. The server adds the
 * client context and the time; a request never sets them. Every text is {@link PlainText}: ids are keys in the
 * state stores and end up in logs, and a control character or a lone surrogate has no place in either.
 */
sealed interface ActivityRequest {

    String userId();

    ActivityEvent toEvent(ClientContext client, Instant now);

    record PageView(@NotBlank @Size(max = 100) @PlainText String userId,
            @NotBlank @Size(max = 100) @PlainText String sessionId,
            @NotBlank @Size(max = 2048) @PlainText String pageUrl, @Size(max = 500) @PlainText String pageTitle,
            @PositiveOrZero Long loadTimeMs,
            @Size(max = 2048) @PlainText String previousPage) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            return new PageViewed(userId, sessionId, pageUrl, pageTitle, loadTimeMs, previousPage, client, now);
        }
    }

    record ProductView(@NotBlank @Size(max = 100) @PlainText String userId,
            @NotBlank @Size(max = 100) @PlainText String sessionId,
            @NotBlank @Size(max = 100) @PlainText String productId, @Size(max = 500) @PlainText String productName,
            @Size(max = 200) @PlainText String category,
            @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal price,
            @PositiveOrZero Integer viewDurationSeconds,
            @Size(max = 200) @PlainText String source) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            return new ProductViewed(userId, sessionId, productId, productName, category, price, viewDurationSeconds,
                    source, client, now);
        }
    }

    record Search(@NotBlank @Size(max = 100) @PlainText String userId,
            @NotBlank @Size(max = 100) @PlainText String sessionId,
            @NotBlank @Size(max = 500) @PlainText String searchQuery, @PositiveOrZero Integer resultsCount,
            @Size(max = 50) Map<@Size(max = 100) @PlainText String, @Size(max = 500) @PlainText String> filters,
            @Size(max = 100) @PlainText String sortBy, @PositiveOrZero Long responseTimeMs) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            return new SearchPerformed(userId, sessionId, searchQuery, resultsCount, filters, sortBy, responseTimeMs,
                    client, now);
        }
    }

    record AddToCart(@NotBlank @Size(max = 100) @PlainText String userId,
            @NotBlank @Size(max = 100) @PlainText String sessionId,
            @NotBlank @Size(max = 100) @PlainText String productId, @NotNull @Min(1) Integer quantity,
            @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal price,
            @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal cartTotal,
            @PositiveOrZero Integer cartItemCount) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            return new ProductAddedToCart(userId, sessionId, productId, quantity, price, cartTotal, cartItemCount,
                    client, now);
        }
    }

    record Purchase(@NotBlank @Size(max = 100) @PlainText String userId,
            @NotBlank @Size(max = 100) @PlainText String sessionId,
            @NotBlank @Size(max = 100) @PlainText String orderId,
            @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal totalAmount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotEmpty @Size(max = 500) List<@NotNull @Valid Item> items,
            @Size(max = 100) @PlainText String paymentMethod,
            @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal discountAmount,
            @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal taxAmount) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            return new PurchaseCompleted(userId, sessionId, orderId, totalAmount, currency,
                    items.stream().map(Item::toPurchasedItem).toList(), paymentMethod, discountAmount, taxAmount,
                    client, now);
        }

        record Item(@NotBlank @Size(max = 100) @PlainText String productId, @NotNull @Min(1) Integer quantity,
                @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal unitPrice,
                @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal totalPrice) {

            PurchasedItem toPurchasedItem() {
                BigDecimal total = totalPrice != null ? totalPrice : unitPrice.multiply(BigDecimal.valueOf(quantity));
                return new PurchasedItem(productId, quantity, unitPrice, total);
            }
        }
    }

    record Auth(@NotBlank @Size(max = 100) @PlainText String userId, @Size(max = 100) @PlainText String sessionId,
            @NotNull AuthAction action, @Size(max = 100) @PlainText String method, Boolean success,
            @Size(max = 500) @PlainText String failureReason) implements ActivityRequest {

        @Override
        public ActivityEvent toEvent(ClientContext client, Instant now) {
            // A FAILED attempt is unsuccessful whatever the client says; otherwise success defaults to true.
            boolean succeeded = action != AuthAction.FAILED && (success == null || success);
            return new UserAuthenticated(userId, sessionId, action, method, succeeded, failureReason, client, now);
        }
    }
}
