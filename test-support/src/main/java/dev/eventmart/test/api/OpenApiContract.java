package dev.eventmart.test.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's served OpenAPI document held against what the service really does, for the tests of every service:
 *
 * <ul>
 * <li>{@link #assertValid}: a stock parser (swagger-parser) reads it without a single error or warning;
 * <li>{@link #assertMatchesCommitted}: it is the one committed under {@code docs/api/}, so a change to the contract
 * shows up in review; {@code -Dopenapi.update=true} rewrites the file instead;
 * <li>{@link #check}: a real answer of the service is documented: its operation, its status, its content type, the
 * headers it carries and the ones the document requires, the request headers sent, and the JSON body's fields and
 * types against the documented schema;
 * <li>{@link #assertEveryOperationChecked}: every documented operation was checked with a success and, where it
 * documents a {@code 400}, with an invalid request.
 * </ul>
 */
public final class OpenApiContract {

    /** Set to {@code true} to rewrite the committed document from the served one instead of comparing them. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final String DOCS_PATH = "/v3/api-docs";
    /** Request headers every HTTP client sends on its own; anything else a test sends must be documented. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("accept", "content-type", "content-length", "host",
            "user-agent", "connection", "accept-encoding", "transfer-encoding", "resttestclient-request-id");
    /** Response headers whose presence is part of the contract: when answered, the document must name them. */
    private static final Set<String> CONTRACT_HEADERS = Set.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final String served;
    private final SwaggerParseResult parsed;
    private final OpenAPI api;
    private final Map<String, Set<Integer>> answered = new TreeMap<>();

    private OpenApiContract(String served) {
        this.served = served;
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        this.parsed = new OpenAPIV3Parser().readContents(served, null, options);
        this.api = parsed.getOpenAPI();
        assertThat(api).as("the served OpenAPI document, parsed: %s", parsed.getMessages()).isNotNull();
    }

    /** The document the service serves now. */
    public static OpenApiContract served(RestTestClient http) {
        String document = http.get().uri(DOCS_PATH).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(document).as("the body of " + DOCS_PATH).isNotBlank();
        return new OpenApiContract(document);
    }

    /** The parser reported nothing: no error, no warning, no unsupported construct. */
    public OpenApiContract assertValid() {
        assertThat(parsed.getMessages()).as("what swagger-parser says about the served document").isEmpty();
        return this;
    }

    /**
     * The served document, canonical (keys sorted, indented), is the committed {@code docs/api/<service>.json}; with
     * {@code -Dopenapi.update=true} the file is rewritten instead. The failure says how to regenerate it.
     */
    public OpenApiContract assertMatchesCommitted(String service, Class<?> test) {
        Path file = repositoryRoot().resolve("docs").resolve("api").resolve(service + ".json");
        String canonical = canonical(served);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(file, canonical);
            return this;
        }
        String committed = Files.exists(file) ? read(file) : null;
        if (!canonical.equals(committed)) {
            fail("""
                    The served OpenAPI document of %s is not the committed %s (%s).
                    If the API change is intended, regenerate the file and commit it:
                      ./mvnw -B -pl %s -am verify -Dit.test=%s -Dfailsafe.failIfNoSpecifiedTests=false -D%s=true"""
                    .formatted(service, repositoryRoot().relativize(file),
                            committed == null ? "missing" : firstDifference(committed, canonical), service,
                            test.getSimpleName(), UPDATE_PROPERTY));
        }
        return this;
    }

    /**
     * The answer is documented: its operation (method and path), its status, its content type (or the absence of a
     * body), every header the document requires and every contract header it carries ({@code Location},
     * {@code Retry-After}), every non-transport request header as a header parameter, and a JSON body's fields
     * and types as the response schema has them.
     */
    public OpenApiContract check(ExchangeResult result) {
        String method = result.getMethod().name();
        String path = result.getUrl().getRawPath();
        int status = result.getStatus().value();
        String label = method + " " + path + " → " + status;
        Map.Entry<String, Operation> found = operation(method, path);
        assertThat(found).as("%s: an operation documented for %s %s", label, method, path).isNotNull();
        Operation operation = found.getValue();
        answered.computeIfAbsent(method + " " + found.getKey(), key -> new TreeSet<>()).add(status);

        for (String header : result.getRequestHeaders().headerNames()) {
            if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header)) {
                // Documented by the security scheme, never as a parameter (OpenAPI ignores one named Authorization).
                assertThat(api.getComponents() == null ? null : api.getComponents().getSecuritySchemes())
                        .as("%s: a bearer token sent, and the document declares how", label).isNotEmpty();
                continue;
            }
            if (!TRANSPORT_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                assertThat(parameters(operation)).as("%s: request header %s documented as a parameter", label, header)
                        .anyMatch(parameter -> "header".equals(parameter.getIn())
                                && parameter.getName().equalsIgnoreCase(header));
            }
        }

        ApiResponse response = operation.getResponses() == null ? null
                : operation.getResponses().get(String.valueOf(status));
        assertThat(response).as("%s: status %d documented (documented: %s)", label, status,
                operation.getResponses() == null ? Set.of() : operation.getResponses().keySet()).isNotNull();

        Map<String, Header> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        headers.forEach((name, header) -> {
            if (Boolean.TRUE.equals(resolve(header).getRequired())) {
                assertThat(result.getResponseHeaders().getFirst(name)).as("%s: required header %s", label, name)
                        .isNotNull();
            }
        });
        for (String name : CONTRACT_HEADERS) {
            if (result.getResponseHeaders().containsHeader(name)) {
                assertThat(headers.keySet()).as("%s: header %s documented", label, name)
                        .anyMatch(documented -> documented.equalsIgnoreCase(name));
            }
        }

        byte[] body = result.getResponseBodyContent();
        boolean hasBody = body != null && body.length > 0;
        Map<String, io.swagger.v3.oas.models.media.MediaType> content = response.getContent() == null ? Map.of()
                : response.getContent();
        if (!hasBody) {
            assertThat(content).as("%s: answered without a body, so documented without one", label).isEmpty();
            return this;
        }
        MediaType actual = result.getResponseHeaders().getContentType();
        assertThat(actual).as("%s: a body has a Content-Type", label).isNotNull();
        Map.Entry<String, io.swagger.v3.oas.models.media.MediaType> documented = content.entrySet().stream()
                .filter(entry -> MediaType.parseMediaType(entry.getKey()).includes(actual))
                .findFirst().orElse(null);
        assertThat(documented).as("%s: Content-Type %s documented (documented: %s)", label, actual, content.keySet())
                .isNotNull();
        if (documented.getValue().getSchema() != null && actual.getSubtype().endsWith("json")) {
            List<String> problems = new ArrayList<>();
            conform(JSON.readTree(new String(body, StandardCharsets.UTF_8)), documented.getValue().getSchema(), "$",
                    problems);
            assertThat(problems).as("%s: the body against its documented schema", label).isEmpty();
        }
        return this;
    }

    /**
     * Every documented operation was {@link #check checked} with a success ({@code 2xx}), and every one that
     * documents {@code 400} also with an invalid request.
     */
    public void assertEveryOperationChecked() {
        List<String> missing = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String key = method.name() + " " + path;
            Set<Integer> statuses = answered.getOrDefault(key, Set.of());
            if (statuses.stream().noneMatch(status -> status >= 200 && status < 300)) {
                missing.add(key + " with a valid request");
            }
            if (operation.getResponses() != null && operation.getResponses().containsKey("400")
                    && !statuses.contains(400)) {
                missing.add(key + " with an invalid request");
            }
        }));
        assertThat(missing).as("documented operations not checked against a real answer").isEmpty();
    }

    private Map.Entry<String, Operation> operation(String method, String path) {
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            if (template(entry.getKey()).matcher(path).matches()) {
                Operation operation = entry.getValue().readOperationsMap()
                        .get(PathItem.HttpMethod.valueOf(method));
                if (operation != null) {
                    return Map.entry(entry.getKey(), operation);
                }
            }
        }
        return null;
    }

    /** A path template as a pattern: each {@code {variable}} is one non-empty segment. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("\\{[^/}]+}", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters().stream()
                .map(parameter -> parameter.get$ref() == null ? parameter
                        : api.getComponents().getParameters().get(simpleName(parameter.get$ref())))
                .toList();
    }

    private Header resolve(Header header) {
        return header.get$ref() == null ? header : api.getComponents().getHeaders().get(simpleName(header.get$ref()));
    }

    private Schema<?> resolve(Schema<?> schema) {
        Schema<?> resolved = schema;
        while (resolved != null && resolved.get$ref() != null) {
            resolved = api.getComponents().getSchemas().get(simpleName(resolved.get$ref()));
        }
        return resolved;
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /**
     * Whether a JSON value has the documented shape: its type; for an object, no field the schema does not declare
     * (unless it allows more) and every required one; for an array, each item. {@code null} passes: the documents
     * say little about nullability, and a client must expect it for optional fields anyway.
     */
    private void conform(JsonNode value, Schema<?> declared, String at, List<String> problems) {
        Schema<?> schema = resolve(declared);
        if (schema == null || value.isNull()) {
            return;
        }
        if (schema.getOneOf() != null || schema.getAnyOf() != null || schema.getAllOf() != null) {
            return;
        }
        List<String> types = types(schema);
        if (types.isEmpty()) {
            return;
        }
        if (types.stream().noneMatch(type -> fits(value, type))) {
            problems.add(at + " is " + value.getNodeType() + ", documented as " + String.join(" or ", types));
            return;
        }
        if (value.isArray() && schema.getItems() != null) {
            for (int i = 0; i < value.size(); i++) {
                conform(value.get(i), schema.getItems(), at + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            for (String field : value.propertyNames()) {
                Schema<?> property = properties.get(field);
                if (property != null) {
                    conform(value.get(field), property, at + "." + field, problems);
                }
                else if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
                    conform(value.get(field), additional, at + "." + field, problems);
                }
                else if (!Boolean.TRUE.equals(schema.getAdditionalProperties())) {
                    problems.add(at + "." + field + " is not documented");
                }
            }
            if (schema.getRequired() != null) {
                for (String required : schema.getRequired()) {
                    if (!value.has(required)) {
                        problems.add(at + "." + required + " is documented as required but missing");
                    }
                }
            }
        }
    }

    /**
     * The types of a schema in either OpenAPI 3.0 ({@code type}) or 3.1 ({@code types}: one, or several for a value
     * that may be any of them, perhaps with "null").
     */
    private static List<String> types(Schema<?> schema) {
        if (schema.getType() != null) {
            return List.of(schema.getType());
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream().filter(type -> !"null".equals(type)).sorted().toList();
        }
        return List.of();
    }

    private static boolean fits(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    static String canonical(String document) {
        Object tree = JSON.readValue(document, Object.class);
        return JSON.writeValueAsString(tree) + "\n";
    }

    private static String firstDifference(String committed, String served) {
        String[] was = committed.split("\n", -1);
        String[] is = served.split("\n", -1);
        for (int line = 0; line < Math.max(was.length, is.length); line++) {
            String before = line < was.length ? was[line] : "<end of file>";
            String now = line < is.length ? is[line] : "<end of file>";
            if (!before.equals(now)) {
                return "first difference at line " + (line + 1) + ": committed `" + before.strip() + "`, served `"
                        + now.strip() + "`";
            }
        }
        return "they differ";
    }

    /** The checkout holding the modules: a test runs in its module's directory. */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("a parent directory of the test's working directory holding mvnw").isNotNull();
        return directory;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file, ex);
        }
    }
}
