/** The replica of inventory's catalog that order-service prices orders from. */
package dev.eventmart.order.catalog;
