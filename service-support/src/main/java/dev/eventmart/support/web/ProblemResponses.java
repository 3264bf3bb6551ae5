package dev.eventmart.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The error answers every service gives, documented once for every operation of its API: springdoc sees the
 * controllers' return types, not the exception handlers and filters of {@link WebAutoConfiguration}, so without this
 * a generated client would know of no error at all. Each operation gets what its inputs make possible:
 *
 * <ul>
 * <li>{@code 400} when it reads any parameter or a body ({@link ValidationProblems}, {@link StrictParameters});
 * <li>{@code 413} and {@code 415} when it reads a body ({@link RequestSizeLimitFilter}, Spring MVC);
 * <li>{@code 401} with {@code WWW-Authenticate} and {@code 403} when it needs a token, which is every operation
 * unless it declares no security requirement ({@code ApiSecurityAutoConfiguration});
 * <li>{@code 503} with {@code Retry-After} always: every operation reads the database, the broker or the stream
 * processor's stores ({@link UnavailableProblems}).
 * </ul>
 *
 * Operation-specific errors ({@code 404}, {@code 409}, {@code 422}) are declared on the controllers with a description
 * only; every {@code 4xx}/{@code 5xx} answer is given the problem body here, so it is written once.
 */
public class ProblemResponses implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_SCHEMA = "ProblemDetail";
    private static final String FIELD_PROBLEM_SCHEMA = "FieldProblem";
    private static final String RETRY_AFTER_HEADER = "Retry-After";
    private static final String WWW_AUTHENTICATE_HEADER = "WWW-Authenticate";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        components.addSchemas(FIELD_PROBLEM_SCHEMA, fieldProblemSchema());
        components.addHeaders(RETRY_AFTER_HEADER, new Header()
                .description("Seconds to wait before trying again")
                .required(true)
                .schema(new IntegerSchema().minimum(BigDecimal.ONE).example(5)));
        components.addHeaders(WWW_AUTHENTICATE_HEADER, new Header()
                .description("The bearer-token challenge of RFC 6750, with `error` when a token was sent and refused")
                .required(true)
                .schema(new StringSchema().example("Bearer error=\"invalid_token\", error_description=\"Jwt expired\"")));
        boolean securedByDefault = openApi.getSecurity() != null && !openApi.getSecurity().isEmpty();
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> document(path,
                operation, components, securedByDefault)));
    }

    private static void document(String path, Operation operation, Components components, boolean securedByDefault) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        boolean readsInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (readsInput) {
            responses.putIfAbsent("400", new ApiResponse().description("A parameter or field that does not convert "
                    + "or does not validate; those that do not validate are named in `errors`"));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("413", new ApiResponse().description("The request body is too large"));
            responses.putIfAbsent("415", new ApiResponse().description("The request body is not `application/json`"));
        }
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        if (secured) {
            responses.putIfAbsent("401", new ApiResponse().description("No bearer token, or one that is expired, "
                    + "not signed by identity-service or not meant for EventMart; `WWW-Authenticate` says which")
                    .addHeaderObject(WWW_AUTHENTICATE_HEADER,
                            new Header().$ref("#/components/headers/" + WWW_AUTHENTICATE_HEADER)));
            responses.putIfAbsent("403", new ApiResponse().description(
                    "The token lacks the role or scope this operation needs"));
        }
        responses.putIfAbsent("503", new ApiResponse().description(
                "A dependency (database, broker or stream processor) is unavailable right now; retry after the "
                        + "seconds in `Retry-After`"));
        responses.forEach((code, response) -> {
            // springdoc gives a declared error the method's return type as its body: every error here is a problem.
            if (isError(code) && (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON))) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
                        .example(example(Integer.parseInt(code), path, response.getDescription(), operation,
                                components))));
            }
            if ("503".equals(code) && (response.getHeaders() == null
                    || !response.getHeaders().containsKey(HttpHeaders.RETRY_AFTER))) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER,
                        new Header().$ref("#/components/headers/" + RETRY_AFTER_HEADER));
            }
        });
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.startsWith("4") || code.startsWith("5"));
    }

    /**
     * What Spring's {@code ProblemDetail} looks like on the wire ({@code type} is left out when it is the default). A
     * {@code 400} of a body names a required field of it in {@code errors} ({@link ValidationProblems}); one of a
     * parameter is Spring's type mismatch, without.
     */
    private static Map<String, Object> example(int status, String path, String description, Operation operation,
            Components components) {
        Map<String, Object> example = new LinkedHashMap<>();
        String bodyField = status == 400 ? requiredBodyField(operation, components) : null;
        if (bodyField != null) {
            example.put("title", "Invalid request");
            example.put("status", status);
            example.put("detail", "Invalid request: [" + bodyField + "]");
            example.put("instance", path);
            example.put("errors", List.of(Map.of("field", bodyField, "message", "must not be null")));
            return example;
        }
        HttpStatus known = HttpStatus.resolve(status);
        example.put("title", known != null ? known.getReasonPhrase() : "Error");
        example.put("status", status);
        if (status == 400 && operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            example.put("detail", "Failed to convert '" + operation.getParameters().getFirst().getName()
                    + "' with value: 'x'");
        }
        else {
            example.put("detail", description == null ? "" : description.replace("`", ""));
        }
        example.put("instance", path);
        return example;
    }

    /** The first required field of the operation's JSON body, when the body is an object that has one. */
    private static String requiredBodyField(Operation operation, Components components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent()
                .get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        Schema<?> schema = json == null ? null : json.getSchema();
        if (schema != null && schema.get$ref() != null && components.getSchemas() != null) {
            schema = components.getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        return schema == null || schema.getRequired() == null || schema.getRequired().isEmpty() ? null
                : schema.getRequired().getFirst();
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail; `errors` names the invalid fields of a 400 or 422")
                .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank")
                        .description("Absent when it is `about:blank`: the status says it all"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema()
                        .items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM_SCHEMA)))
                .required(List.of("title", "status"))
                // RFC 9457 extension members, such as the order's status in a 409.
                .additionalProperties(true);
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .description("One invalid field of a request, by its path in the body or its parameter name")
                .addProperty("field", new StringSchema().example("items[0].quantity"))
                .addProperty("message", new StringSchema().example("must be greater than 0"))
                .required(List.of("field", "message"));
    }
}
