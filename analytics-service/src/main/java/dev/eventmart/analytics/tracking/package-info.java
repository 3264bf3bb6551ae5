/**
 * Activity tracking: the ingestion REST API that validates storefront activity, enriches it with what the server
 * knows (event id, time, client) and publishes it to {@code analytics.activity.tracked}, answering once Kafka has it.
 */
package dev.eventmart.analytics.tracking;
