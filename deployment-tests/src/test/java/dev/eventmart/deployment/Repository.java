package dev.eventmart.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The repository's files as the deployment sees them: the compose file, the services and what they read. */
final class Repository {

    /** Every {@code ${NAME} / ${NAME:default}} placeholder with an upper-case name: an environment variable. */
    private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern EMPTY_DEFAULT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):}");
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:-([^}]*)}");
    /** An upper-case string literal with an underscore ("MAIL_HOST"): an environment variable's name. */
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern READS_THE_ENVIRONMENT = Pattern.compile("getenv\\(|\\.getProperty\\(");
    private static final String SHARED_MODULE = "service-support";
    private static final Path SHARED_DEFAULTS =
            Path.of(SHARED_MODULE, "src/main/resources/eventmart-service-defaults.yml");

    /** The token issuer: built and deployed like the services, but it owns no schema and uses no Kafka. */
    static final String IDENTITY_SERVICE = "identity-service";
    static final String STOREFRONT = "storefront";

    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("eventmart.root", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relativePath) {
        return root().resolve(relativePath);
    }

    static String read(String relativePath) {
        return read(file(relativePath));
    }

    /** docker-compose.yml with its {@code ${NAME:-default}} variables at their defaults, as a plain up sees it. */
    static ComposeFile compose() {
        String text = COMPOSE_VARIABLE.matcher(read("docker-compose.yml")).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        return new ComposeFile(new Yaml().load(text));
    }

    /**
     * The built services that own a schema and talk through Kafka: all but {@link #IDENTITY_SERVICE} and the
     * {@link #STOREFRONT}, which only call the others over HTTP.
     */
    static Set<String> eventDrivenServices(ComposeFile compose) {
        Set<String> services = new TreeSet<>(compose.builtServices());
        services.remove(IDENTITY_SERVICE);
        services.remove(STOREFRONT);
        return services;
    }

    /** The service modules: directories named {@code *-service}, and the storefront, with an {@code application.yml}. */
    static Set<String> serviceModules() {
        try (Stream<Path> children = Files.list(root())) {
            return children.filter(dir -> dir.getFileName().toString().endsWith("-service")
                            || dir.getFileName().toString().equals(STOREFRONT))
                    .filter(dir -> Files.isRegularFile(applicationYml(dir.getFileName().toString())))
                    .map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The environment variables a service reads: the placeholders in the shared defaults every service imports and
     * in its own {@code application*.yml}, and the names a class of the service or of service-support looks up in
     * the environment itself (an upper-case string literal in a class that calls {@code getenv} or
     * {@code Environment.getProperty}, such as notification-service's {@code MAIL_HOST}).
     */
    static Set<String> environmentVariablesReadBy(String service) {
        Set<String> variables = new LinkedHashSet<>(placeholders(read(root().resolve(SHARED_DEFAULTS))));
        for (Path config : applicationConfigs(service)) {
            variables.addAll(placeholders(read(config)));
        }
        for (String module : List.of(SHARED_MODULE, service)) {
            for (Path source : javaSources(module)) {
                String code = read(source);
                if (READS_THE_ENVIRONMENT.matcher(code).find()) {
                    variables.addAll(matches(VARIABLE_LITERAL, code));
                }
            }
        }
        return variables;
    }

    /** The service's own {@code application.yml}, parsed. */
    static Map<String, Object> applicationConfig(String service) {
        return new Yaml().load(read(applicationYml(service)));
    }

    static Set<String> placeholders(String text) {
        return matches(ENVIRONMENT_PLACEHOLDER, text);
    }

    /** The {@code ${NAME:}} placeholders: variables read with an empty default, which a deployment must set. */
    static Set<String> placeholdersWithoutDefault(String text) {
        return matches(EMPTY_DEFAULT_PLACEHOLDER, text);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static List<Path> javaSources(String module) {
        try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src/main/java"))) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Path> applicationConfigs(String service) {
        Path resources = root().resolve(service).resolve("src/main/resources");
        try (Stream<Path> files = Files.list(resources)) {
            return files.filter(file -> file.getFileName().toString().matches("application.*\\.(yml|yaml|properties)"))
                    .sorted()
                    .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path applicationYml(String service) {
        return root().resolve(service).resolve("src/main/resources/application.yml");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
