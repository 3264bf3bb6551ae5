package dev.eventmart.analytics.tracking;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One item of a batch: the activity type (as in the single endpoints' paths) and its request body. The API documents
 * items with this shape; {@link ActivityTracking} reads each from raw JSON, so an item of another shape is rejected on
 * its own.
 */
record BatchItem(
        @Schema(example = "pageview", allowableValues = { "pageview", "productview", "search", "addtocart", "purchase",
                "auth" }) String eventType,
        // Documented as what it is, the body of that type's endpoint, not as the Java tree type that reads it.
        @Schema(implementation = Object.class, description = "The request body of the eventType's endpoint")
        JsonNode data) {
}
