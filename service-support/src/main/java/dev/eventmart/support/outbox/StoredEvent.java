package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.EventMetadata;

/**
 * A row of {@code outbox_event}: the event's envelope, its topic, its encoded payload and the trace context it is
 * published with ({@code null}: none).
 */
record StoredEvent(long id, String topic, EventMetadata metadata, byte[] payload, String traceContext) {
}
