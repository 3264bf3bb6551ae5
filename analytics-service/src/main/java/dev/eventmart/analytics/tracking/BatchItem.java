package dev.eventmart.analytics.tracking;

import tools.jackson.databind.JsonNode;

/** One item of a batch: the activity type (as in the single endpoints' paths) and its request body. */
record BatchItem(String eventType, JsonNode data) {
}
