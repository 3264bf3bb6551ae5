package dev.eventmart.events;

/**
 * Kafka header names of the event envelope. The metadata travels as CloudEvents 1.0 attributes in binary
 * content mode (Kafka protocol binding), so any CloudEvents client can read EventMart topics; the payload is
 * the JSON record alone.
 */
public final class EventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** CloudEvents extension: the saga (order id) or request the event belongs to. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** CloudEvents extension: the payload schema version of {@link #TYPE}. */
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    /**
     * W3C trace context, on every record: written by the Kafka template's observation in every service, and for an
     * event from an outbox, as the child of the span whose transaction stored it.
     */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state, next to {@link #TRACEPARENT} when the trace has any. */
    public static final String TRACESTATE = "tracestate";

    /** Extension attribute names as the CloudEvents SDK knows them (without the {@code ce_} prefix). */
    public static final String CORRELATION_ID_EXTENSION = "correlationid";
    public static final String SCHEMA_VERSION_EXTENSION = "schemaversion";

    public static final String CLOUDEVENTS_SPEC_VERSION = "1.0";
    public static final String JSON_CONTENT_TYPE = "application/json";

    private EventHeaders() {
    }
}
