package dev.eventmart.analytics.insights;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the aggregations and their API.
 *
 * @param windowGrace        how late an event may arrive and still count in its minute; later ones are dropped
 *                           (and counted in Kafka Streams' {@code dropped-records} metric)
 * @param windowRetention    how long per-minute counts are kept and can be queried
 * @param maxTimeseriesRange the widest {@code from}–{@code to} range one time series query may ask for
 * @param orderDedupWindow   how long (in event time) an order event is remembered, so that a republished copy of it
 *                           is not counted again; longer than any copy can come later (see {@link FirstOccurrence})
 */
@ConfigurationProperties("eventmart.analytics.insights")
record InsightsProperties(@DefaultValue("5m") Duration windowGrace, @DefaultValue("7d") Duration windowRetention,
        @DefaultValue("24h") Duration maxTimeseriesRange, @DefaultValue("14d") Duration orderDedupWindow) {
}
