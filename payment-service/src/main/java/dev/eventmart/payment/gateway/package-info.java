/** The card gateway payment-service authorizes through: a deterministic simulation driven by test tokens. */
package dev.eventmart.payment.gateway;
