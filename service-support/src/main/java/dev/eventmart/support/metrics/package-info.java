/** Metrics the services share: gauges counted in the database. */
package dev.eventmart.support.metrics;
