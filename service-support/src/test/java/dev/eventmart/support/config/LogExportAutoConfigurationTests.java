package dev.eventmart.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LogExportAutoConfigurationTests {

    private final InMemoryLogRecordExporter exported = InMemoryLogRecordExporter.create();

    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setLoggerProvider(SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(exported)).build())
            .build();

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LogExportAutoConfiguration.class))
            .withBean(OpenTelemetry.class, () -> openTelemetry);

    @Test
    void sendsLogEventsWithTheirTraceToTheCollectorWhileTheContextLives() {
        contexts.withPropertyValues("management.opentelemetry.logging.export.otlp.endpoint=http://collector:4318/v1/logs")
                .run(context -> {
                    Tracer tracer = openTelemetry.getTracer("test");
                    Span span = tracer.spanBuilder("order").startSpan();
                    try (Scope scope = span.makeCurrent()) {
                        LoggerFactory.getLogger("dev.eventmart.test").warn("order {} declined", "O-1");
                    }
                    finally {
                        span.end();
                    }
                    assertThat(exported.getFinishedLogRecordItems()).anySatisfy(record -> {
                        assertThat(record.getBodyValue().asString()).isEqualTo("order O-1 declined");
                        assertThat(record.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
                    });
                });
        assertThat(root().getAppender("OpenTelemetry")).as("taken off with the context").isNull();
    }

    @Test
    void addsNothingWithoutACollectorForLogs() {
        contexts.run(context -> {
            LoggerFactory.getLogger("dev.eventmart.test").warn("not exported");
            assertThat(root().getAppender("OpenTelemetry")).isNull();
        });
        assertThat(exported.getFinishedLogRecordItems()).extracting(LogRecordData::getBodyValue).isEmpty();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
