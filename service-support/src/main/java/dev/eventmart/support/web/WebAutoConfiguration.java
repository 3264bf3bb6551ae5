package dev.eventmart.support.web;

import io.micrometer.observation.ObservationPredicate;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * REST conventions every service shares: problem details that name invalid fields, {@code 503} while the database
 * or broker is away, a bounded request size, strict JSON reading and parameter conversion, a {@code 415} for a
 * Content-Type that is a pattern, and problem details from Tomcat itself for requests it refuses before the
 * application sees them.
 * Also part of {@code @WebMvcTest} slices, so that they answer as the service does.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
@Import({ ValidationProblems.class, UnavailableProblems.class })
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WildcardContentTypeFilter> wildcardContentTypeFilter() {
        FilterRegistrationBean<WildcardContentTypeFilter> registration = new FilterRegistrationBean<>(
                new WildcardContentTypeFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Requests to the actuator (health probes every few seconds, the Prometheus scrape) are not observed: each would
     * start a trace of its own, a span to record and export for one in ten of them, and bury the orders' traces in a
     * tracing backend. Nor are they timed in {@code http.server.requests}, where they were only noise.
     */
    @Bean
    ObservationPredicate actuatorRequestsUnobserved(
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith(actuatorPath));
    }

    /**
     * Bean Validation walks every property of a request: with JPA on the class path, Hibernate Validator asks JPA
     * before each step whether the property is loaded (its {@code JPATraversableResolver}), which only matters for
     * lazily loaded entities. Requests are plain records, and entities are not validated here
     * ({@code jakarta.persistence.validation.mode: none}), so every property is reachable: the question cost a fifth
     * of the validation of an order (JFR of order-service at 300 orders/s).
     */
    @Bean
    static ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> configuration.traversableResolver(new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                    ElementType elementType) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                    ElementType elementType) {
                return true;
            }
        });
    }

    @Bean
    StrictJsonReading strictJsonReading() {
        return new StrictJsonReading();
    }

    @Bean
    StrictParameters strictParameters() {
        return new StrictParameters();
    }

    /** Tomcat's own error reports as problem details ({@link ProblemDetailErrorReportValve}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatErrorReports {

        /**
         * Replaces the error report valve Spring Boot puts on the host. Unordered, so it runs after Boot's own
         * customizer has added that valve; the host is told the class, or it would add Tomcat's default at start.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemDetailErrorReportValve());
                    host.setErrorReportValveClass(ProblemDetailErrorReportValve.class.getName());
                }
            });
        }
    }
}
