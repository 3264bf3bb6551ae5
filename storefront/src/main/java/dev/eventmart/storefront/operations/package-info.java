/** What the operations page needs that no service serves: order throughput and p99 over the last minutes. */
package dev.eventmart.storefront.operations;
