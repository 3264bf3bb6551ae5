/** The per-order advisory locks every service's handlers take before they decide. */
package dev.eventmart.support.locking;
