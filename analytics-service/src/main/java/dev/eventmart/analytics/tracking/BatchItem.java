package dev.eventmart.analytics.tracking;

import tools.jackson.databind.JsonNode;

/**
 * One item of a batch: the activity type (as in the single endpoints' paths) and its request body. The API documents
 * items with this shape; {@link ActivityTracking} reads each from raw JSON, so an item of another shape is rejected on
 * its own.
 */
record BatchItem(String eventType, JsonNode data) {
}
