/** Orders: placing, following and cancelling them over REST, and the order aggregate the saga moves along. */
package dev.eventmart.order.ordering;
