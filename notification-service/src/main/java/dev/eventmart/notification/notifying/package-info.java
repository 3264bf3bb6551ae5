/**
 * Customer notifications of an order's journey: one email per order and outcome, rendered from templates, sent
 * exactly once however often its event arrives, kept as an audit trail and served over REST.
 */
package dev.eventmart.notification.notifying;
