/**
 * The transactional outbox: a state change and the events it causes commit in one database transaction; a relay
 * publishes them after commit, in order, and retries until Kafka acknowledges.
 */
package dev.eventmart.support.outbox;
