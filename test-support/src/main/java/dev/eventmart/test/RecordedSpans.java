package dev.eventmart.test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The spans the services under test ({@link ServiceIntegrationTest}) finished, kept in memory by an exporter
 * registered in each of their contexts next to any other: every trace is sampled in tests. Spans arrive batched, a
 * tenth of a second after they end. One store for the test JVM, which outlives every context: a context that closes
 * shuts its exporter down, and an in-memory exporter that forgot its spans then would leave the next context none.
 */
public final class RecordedSpans {

    /** The newest spans kept: enough for any test, bounded for a JVM that runs many. */
    private static final int KEPT = 20_000;

    private static final ConcurrentLinkedDeque<SpanData> SPANS = new ConcurrentLinkedDeque<>();

    private static final SpanExporter EXPORTER = new SpanExporter() {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            SPANS.addAll(spans);
            while (SPANS.size() > KEPT) {
                SPANS.pollFirst();
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    };

    private RecordedSpans() {
    }

    static SpanExporter exporter() {
        return EXPORTER;
    }

    /** Every span exported so far and still kept. */
    public static List<SpanData> all() {
        return new ArrayList<>(SPANS);
    }

    /** Waits for the first span that matches. */
    public static SpanData await(Predicate<SpanData> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> SPANS.stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Waits for the span with this id. */
    public static SpanData withId(String spanId) {
        return await(span -> span.getSpanId().equals(spanId));
    }

    /** A match for a span of {@code kind} named {@code name}. */
    public static Predicate<SpanData> named(SpanKind kind, String name) {
        return span -> span.getKind() == kind && span.getName().equals(name);
    }
}
