package dev.eventmart.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceContextsTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String SPAN_ID = "00f067aa0ba902b7";

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void storesNothingWithoutACurrentSpan() {
        assertThat(TraceContexts.current()).isNull();
        assertThat(TraceContexts.forEvent("order-1")).isNull();
    }

    @Test
    void storesTheCurrentSpansTraceparent() {
        Span span = tracer.spanBuilder("stores an event").startSpan();
        try (Scope scope = span.makeCurrent()) {
            assertThat(TraceContexts.current()).isEqualTo("00-" + span.getSpanContext().getTraceId() + "-"
                    + span.getSpanContext().getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex());
        }
        finally {
            span.end();
        }
    }

    @Test
    void aRestoredContextIsTheParentOfWhatStartsInsideWithItsTraceState() {
        String stored = "00-" + TRACE_ID + "-" + SPAN_ID + "-01 vendor=value";

        Span child;
        try (Scope scope = TraceContexts.restore(stored)) {
            assertThat(TraceContexts.current()).isEqualTo(stored);
            child = tracer.spanBuilder("send").startSpan();
            child.end();
        }

        SpanContext parent = ((ReadableSpan) child).getParentSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(child.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
        assertThat(child.getSpanContext().getTraceState().get("vendor")).isEqualTo("value");
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void anUnsampledContextIsRestoredUnsampledAndStillPropagated() {
        String stored = "00-" + TRACE_ID + "-" + SPAN_ID + "-00";

        try (Scope scope = TraceContexts.restore(stored)) {
            Span child = tracer.spanBuilder("send").startSpan();
            assertThat(child.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(child.getSpanContext().isSampled()).isFalse();
            assertThat(child.isRecording()).isFalse();
            child.end();
        }
    }

    @Test
    void nothingStoredRestoresNoSpanEvenInsideAnother() {
        Span outer = tracer.spanBuilder("outer").startSpan();
        try (Scope scope = outer.makeCurrent(); Scope restored = TraceContexts.restore(null)) {
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
        }
        finally {
            outer.end();
        }
    }

    @Test
    void readsTheContextOfAReceivedRecord() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(TraceContexts.of(headers)).isNull();

        headers.add("traceparent", ("00-" + TRACE_ID + "-" + SPAN_ID + "-01").getBytes(StandardCharsets.US_ASCII));
        assertThat(TraceContexts.of(headers)).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");

        headers.add("tracestate", "a=1,b=2".getBytes(StandardCharsets.US_ASCII));
        assertThat(TraceContexts.of(headers)).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01 a=1,b=2");
    }

    @Test
    void inABatchAnEventTakesTheContextOfTheRecordWithItsCorrelationId() {
        String first = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
        String second = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Span outer = tracer.spanBuilder("poll").startSpan();
        try (Scope scope = outer.makeCurrent()) {
            try (Scope batch = TraceContexts.inBatch(Map.of("order-1", first, "order-2", second))) {
                assertThat(TraceContexts.forEvent("order-1")).isEqualTo(first);
                assertThat(TraceContexts.forEvent("order-2")).isEqualTo(second);
                assertThat(TraceContexts.forEvent("order-3")).isEqualTo(TraceContexts.current());
                assertThat(Span.current()).isSameAs(outer);
            }
            assertThat(TraceContexts.forEvent("order-1")).isEqualTo(TraceContexts.current());
        }
        finally {
            outer.end();
        }
    }

    @Test
    void aBatchOfOneTraceMakesItCurrentForTheStepsLogs() {
        String only = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

        try (Scope batch = TraceContexts.inBatch(Map.of("order-1", only))) {
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(TraceContexts.forEvent("order-2")).isEqualTo(only);
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(Context.current()).isSameAs(Context.root());
    }
}
