/** The browser's activity batches, stamped with the session's user and sent on to analytics-service. */
package dev.eventmart.storefront.activity;
