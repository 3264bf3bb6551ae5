package dev.eventmart.support.messaging;

/**
 * Implemented by a service's own exception that says its record can never be processed (a recipient the mail
 * server refused for good, say): {@link Failures} classifies it permanent, so the record goes to its dead-letter
 * topic at once instead of being retried. For exceptions whose type cannot extend a shared base class.
 */
public interface PermanentFailure {
}
