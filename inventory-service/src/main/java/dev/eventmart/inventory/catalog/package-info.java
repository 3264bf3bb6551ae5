/** The product catalog and its stock levels, served over REST and published as snapshots. */
package dev.eventmart.inventory.catalog;
