package dev.eventmart.support.outbox;

import dev.eventmart.support.messaging.EventMetadata;

/** A row of {@code outbox_event}: the event's envelope, its topic and its encoded payload. */
record StoredEvent(long id, String topic, EventMetadata metadata, byte[] payload) {
}
