package dev.eventmart.support.config;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Sends every log event to the OpenTelemetry collector too, with the trace and span ids current when it was logged,
 * so that a tracing backend links an order's spans and its log lines (Grafana: Tempo and Loki in compose). Spring
 * Boot exports log records over OTLP ({@code management.opentelemetry.logging.export.otlp.endpoint}) but ships no
 * Logback appender to produce them; this adds OpenTelemetry's to the root logger once the SDK exists, and takes it
 * off when the context closes. Only where that endpoint is set: elsewhere the console is the log, and nothing is
 * added to it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({ OpenTelemetryAppender.class, LoggerContext.class })
@ConditionalOnProperty("management.opentelemetry.logging.export.otlp.endpoint")
public class LogExportAutoConfiguration {

    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    OpenTelemetryLogAppender openTelemetryLogAppender(OpenTelemetry openTelemetry) {
        return new OpenTelemetryLogAppender(openTelemetry);
    }

    /** OpenTelemetry's Logback appender on the root logger, for as long as the context lives. */
    static final class OpenTelemetryLogAppender implements InitializingBean, DisposableBean {

        private static final String NAME = "OpenTelemetry";

        private final OpenTelemetry openTelemetry;
        private final OpenTelemetryAppender appender = new OpenTelemetryAppender();

        OpenTelemetryLogAppender(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        @Override
        public void afterPropertiesSet() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            appender.setName(NAME);
            appender.setContext(context);
            appender.setOpenTelemetry(openTelemetry);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }

        @Override
        public void destroy() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
    }
}
