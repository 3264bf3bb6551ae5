package dev.eventmart.support.web;

import dev.eventmart.support.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The OpenAPI document every service serves at {@code /v3/api-docs}, made to be committed and compared: the server
 * is the relative {@code /} (the API is where the document is), not the URL of whichever request asked first, which
 * in a test carries a random port; the shared error answers come from {@link ProblemResponses}. The service names
 * the document's title ({@code spring.application.name}) and may describe it with {@code eventmart.api.description}.
 * Every operation needs a bearer token from identity-service unless it says otherwise ({@code @SecurityRequirements}
 * with none); the {@link Caller} a controller method takes is the token, not a parameter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    /** The version of the HTTP contract, not of the build: it changes when the API changes incompatibly. */
    static final String API_VERSION = "1";

    /** The name of the security scheme every operation requires by default. */
    public static final String BEARER_SCHEME = "bearer";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // A streaming endpoint documents its events itself (@ApiResponse content); without this springdoc would also
        // publish the emitter class as a schema of the API (its "timeout" property).
        SpringDocUtils.getConfig().addResponseTypeToIgnore(ResponseBodyEmitter.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI eventMartOpenApi(@Value("${spring.application.name}") String name,
            @Value("${eventmart.api.description:}") String description) {
        Info info = new Info().title(name).version(API_VERSION);
        if (!description.isBlank()) {
            info.description(description);
        }
        return new OpenAPI().info(info).addServersItem(new Server().url("/"))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from identity-service (`/oauth2/token`), audience `eventmart`")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }
}
