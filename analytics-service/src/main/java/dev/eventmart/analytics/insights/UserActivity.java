package dev.eventmart.analytics.insights;

import dev.eventmart.events.activity.ActivityEvent;
import dev.eventmart.events.activity.AuthAction;
import dev.eventmart.events.activity.PageViewed;
import dev.eventmart.events.activity.ProductAddedToCart;
import dev.eventmart.events.activity.ProductViewed;
import dev.eventmart.events.activity.PurchaseCompleted;
import dev.eventmart.events.activity.SearchPerformed;
import dev.eventmart.events.activity.UserAuthenticated;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one user did, as kept in the {@code user-activity} store and served by
 * {@code GET /api/analytics/users/{userId}}. Times are the latest seen, so a late event never moves them back.
 *
 * @param sessions       distinct sessions of the user
 * @param logins         successful logins
 * @param totalSpent     sum of the user's completed purchases
 * @param recentSearches the last {@value #RECENT_SEARCHES} search queries, newest first
 */
record UserActivity(String userId, long pageViews, long productViews, long searches, long cartAdditions,
        long purchases, long logins, BigDecimal totalSpent, long sessions, Instant lastActivity, Instant lastLogin,
        List<String> recentSearches) {

    static final int RECENT_SEARCHES = 10;

    UserActivity {
        totalSpent = totalSpent == null ? BigDecimal.ZERO : totalSpent;
        recentSearches = recentSearches == null ? List.of() : List.copyOf(recentSearches);
    }

    static UserActivity empty() {
        return new UserActivity(null, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, null, null, List.of());
    }

    UserActivity add(Tracked tracked) {
        ActivityEvent event = tracked.event();
        long pageViews = this.pageViews;
        long productViews = this.productViews;
        long searches = this.searches;
        long cartAdditions = this.cartAdditions;
        long purchases = this.purchases;
        long logins = this.logins;
        BigDecimal totalSpent = this.totalSpent;
        Instant lastLogin = this.lastLogin;
        List<String> recentSearches = this.recentSearches;
        switch (event) {
            case PageViewed ignored -> pageViews++;
            case ProductViewed ignored -> productViews++;
            case SearchPerformed search -> {
                searches++;
                recentSearches = withRecentSearch(search.searchQuery());
            }
            case ProductAddedToCart ignored -> cartAdditions++;
            case PurchaseCompleted purchase -> {
                purchases++;
                totalSpent = totalSpent.add(purchase.totalAmount());
            }
            case UserAuthenticated auth when auth.action() == AuthAction.LOGIN && auth.success() -> {
                logins++;
                lastLogin = latest(lastLogin, auth.occurredAt());
            }
            default -> {
            }
        }
        return new UserActivity(event.userId(), pageViews, productViews, searches, cartAdditions, purchases, logins,
                totalSpent, sessions + (tracked.newSession() ? 1 : 0), latest(lastActivity, event.occurredAt()),
                lastLogin, recentSearches);
    }

    private List<String> withRecentSearch(String query) {
        List<String> searches = new ArrayList<>(RECENT_SEARCHES);
        searches.add(query);
        searches.addAll(recentSearches.subList(0, Math.min(recentSearches.size(), RECENT_SEARCHES - 1)));
        return searches;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
