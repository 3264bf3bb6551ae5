package dev.eventmart.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in for an OpenTelemetry collector in the test JVM: takes the spans and log records every service exports
 * over OTLP/HTTP ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, protobuf, as Spring Boot's exporters send them) and keeps the
 * spans and who logged, so a test can see one order's trace across the service processes and their logs arrive.
 */
final class OtlpReceiver {

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ExportedSpan> spans = new ConcurrentLinkedQueue<>();
    private final Set<String> loggingServices = ConcurrentHashMap.newKeySet();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    receiver.take(ExportTraceServiceRequest.parseFrom(body));
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/v1/logs", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    receiver.take(ExportLogsServiceRequest.parseFrom(body));
                }
                byte[] answer = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return receiver;
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot start the OTLP receiver", ex);
        }
    }

    /** What a service's {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The spans of one trace received so far. */
    List<ExportedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** The services that have sent log records so far. */
    Set<String> servicesLogging() {
        return Set.copyOf(loggingServices);
    }

    void stop() {
        server.stop(0);
    }

    private void take(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = serviceName(resource.getResource().getAttributesList());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    spans.add(new ExportedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name().replace("SPAN_KIND_", "")));
                }
            }
        }
    }

    private void take(ExportLogsServiceRequest request) {
        for (ResourceLogs resource : request.getResourceLogsList()) {
            if (resource.getScopeLogsList().stream().anyMatch(scope -> scope.getLogRecordsCount() > 0)) {
                loggingServices.add(serviceName(resource.getResource().getAttributesList()));
            }
        }
    }

    private static String serviceName(List<KeyValue> attributes) {
        return attributes.stream().filter(attribute -> attribute.getKey().equals("service.name"))
                .map(KeyValue::getValue).map(value -> value.getStringValue()).findFirst().orElse("?");
    }

    /** A span as a service exported it; {@code parentSpanId} is empty for the root of a trace. */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {

        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' " + spanId + " <- " + parentSpanId;
        }
    }
}
