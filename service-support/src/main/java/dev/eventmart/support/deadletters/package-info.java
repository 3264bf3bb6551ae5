/**
 * Dead letters handled by operators over HTTP: list a dead-letter topic's records with their failure, replay one or
 * all to the topic they came from, discard one with a reason; every action audited in the service's schema.
 */
package dev.eventmart.support.deadletters;
