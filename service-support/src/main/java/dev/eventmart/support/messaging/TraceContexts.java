package dev.eventmart.support.messaging;

import dev.eventmart.events.EventHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context of an event, kept with it while it waits in the outbox, so the relay publishes it as part of
 * the trace that stored it: the consumer's span is then a child of the span whose transaction wrote the event,
 * however late the relay sends it (after a restart, on another instance). Stored as text: the {@code traceparent}
 * header value, then a space and the {@code tracestate} value when there is one
 * ({@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 vendor=value}). A trace context that is not
 * sampled is kept and restored all the same: sampling decides what is recorded, never what is propagated.
 *
 * <p>Read and restored with OpenTelemetry's W3C propagator rather than Micrometer Tracing's API: Micrometer can only
 * continue a remote context by starting a span of its own (one more span per published event), and its trace context
 * has no trace state. Micrometer's OpenTelemetry bridge keeps its spans in OpenTelemetry's context, so both see the
 * same current span, and a restored context reaches the logs' trace and span ids as any other.
 *
 * <p>Batch listeners: Spring Kafka runs no observation around a batch listener (with
 * {@code recordObservationsInBatch} it records one span per record, but none is current while the listener runs),
 * so a saga step that handles a poll's worth of records has no current span to store with its replies.
 * {@link EventBatches} hands the records' contexts to {@link #inBatch}, and each event the step stores takes the
 * context of the record with its correlation id (the order): the reply continues the trace of the event it answers.
 */
public final class TraceContexts {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> STORED = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(String stored) {
            return List.of(EventHeaders.TRACEPARENT, EventHeaders.TRACESTATE);
        }

        @Override
        public String get(String stored, String key) {
            if (stored == null) {
                return null;
            }
            int space = stored.indexOf(' ');
            if (EventHeaders.TRACEPARENT.equals(key)) {
                return space < 0 ? stored : stored.substring(0, space);
            }
            return EventHeaders.TRACESTATE.equals(key) && space >= 0 ? stored.substring(space + 1) : null;
        }
    };

    private static final ThreadLocal<Map<String, String>> BATCH = new ThreadLocal<>();

    private TraceContexts() {
    }

    /** The current span's trace context as stored text, or {@code null} when no span is current. */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        String[] headers = new String[2];
        W3C.inject(Context.current(), headers, (carrier, key, value) -> {
            if (EventHeaders.TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
            else if (EventHeaders.TRACESTATE.equals(key) && !value.isEmpty()) {
                carrier[1] = value;
            }
        });
        return headers[0] == null ? null : headers[1] == null ? headers[0] : headers[0] + ' ' + headers[1];
    }

    /**
     * The trace context to store with an event correlated as {@code correlationId}: inside {@link #inBatch}, that of
     * the batch's record with the same correlation id; otherwise, or if there is none, the current span's.
     */
    public static String forEvent(String correlationId) {
        Map<String, String> batch = BATCH.get();
        String context = batch == null || correlationId == null ? null : batch.get(correlationId);
        return context != null ? context : current();
    }

    /** The trace context a received record carries, as stored text, or {@code null}. */
    public static String of(Headers headers) {
        Header parent = headers.lastHeader(EventHeaders.TRACEPARENT);
        if (parent == null || parent.value() == null) {
            return null;
        }
        String traceparent = new String(parent.value(), StandardCharsets.ISO_8859_1);
        Header state = headers.lastHeader(EventHeaders.TRACESTATE);
        return state == null || state.value() == null || state.value().length == 0 ? traceparent
                : traceparent + ' ' + new String(state.value(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Makes the stored trace context current until the scope is closed, without starting a span: a span started
     * inside (the Kafka template's, for a send) is its child. {@code null} or an unreadable context leaves the
     * thread with no current span, so whatever is started inside begins a trace of its own.
     */
    public static Scope restore(String stored) {
        return W3C.extract(Context.root(), stored, STORED).makeCurrent();
    }

    /**
     * Until the scope is closed, {@link #forEvent} answers the trace context of the batch's record for each
     * correlation id ({@code contexts}); if all the batch's records carry one and the same, it is also made current,
     * so the step's log lines carry its trace id.
     */
    public static Scope inBatch(Map<String, String> contexts) {
        if (contexts.isEmpty()) {
            return Scope.noop();
        }
        Map<String, String> outer = BATCH.get();
        BATCH.set(contexts);
        String only = null;
        for (String context : contexts.values()) {
            if (only != null && !only.equals(context)) {
                only = null;
                break;
            }
            only = context;
        }
        Scope current = only == null ? Scope.noop() : restore(only);
        return () -> {
            current.close();
            if (outer == null) {
                BATCH.remove();
            }
            else {
                BATCH.set(outer);
            }
        };
    }
}
