package dev.eventmart.support.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document every service serves at {@code /v3/api-docs}, made to be committed and compared: the server
 * is the relative {@code /} (the API is where the document is), not the URL of whichever request asked first, which
 * in a test carries a random port; the shared error answers come from {@link ProblemResponses}. The service names
 * the document's title ({@code spring.application.name}) and may describe it with {@code eventmart.api.description}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    /** The version of the HTTP contract, not of the build: it changes when the API changes incompatibly. */
    static final String API_VERSION = "1";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI eventMartOpenApi(@Value("${spring.application.name}") String name,
            @Value("${eventmart.api.description:}") String description) {
        Info info = new Info().title(name).version(API_VERSION);
        if (!description.isBlank()) {
            info.description(description);
        }
        return new OpenAPI().info(info).addServersItem(new Server().url("/"));
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }
}
