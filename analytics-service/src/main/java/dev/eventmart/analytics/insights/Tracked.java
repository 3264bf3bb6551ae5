package dev.eventmart.analytics.insights;

import dev.eventmart.events.activity.ActivityEvent;

/**
 * An activity event with what is new about it: the user's first activity ever, the first of its session, the user's
 * first view of the product. Distinct counts (users, sessions, unique viewers) become plain sums of these flags.
 * Only passed between processors of one task, never serialized.
 */
record Tracked(ActivityEvent event, boolean newUser, boolean newSession, boolean newViewer) {
}
