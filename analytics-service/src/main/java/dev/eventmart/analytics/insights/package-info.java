/**
 * Real-time insights: the Kafka Streams topology that aggregates activity and order events into state stores
 * (per user, per product, overall, per minute), and the REST API that serves them by interactive queries.
 */
package dev.eventmart.analytics.insights;
