package dev.eventmart.test.metrics;

import dev.eventmart.test.api.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Grafana dashboards under {@code deploy/grafana/dashboards/} ask Prometheus for: every series selector in
 * every panel's query, so that a test can hold them against what a service really serves on
 * {@code /actuator/prometheus} ({@link PrometheusScrape}).
 *
 * <p>The dashboards follow one convention that makes this exact: every selector is written with braces and names the
 * services it reads with an {@code application} matcher ({@code application="order-service"}, or a regular
 * expression such as {@code application=~".+"} for every service). A query that selects a metric any other way is
 * refused here, so no metric of a dashboard escapes the check.
 */
public final class DashboardQueries {

    /** Where the dashboards live, relative to the repository's root. */
    public static final Path DIRECTORY = Path.of("deploy", "grafana", "dashboards");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern SELECTOR = Pattern.compile("(" + NAME + ")\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(?:,|$)");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)"
            + "\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile(NAME + "(?=\\s*(\\()?)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "Inf", "NaN");

    private final List<Selector> selectors;

    private DashboardQueries(List<Selector> selectors) {
        this.selectors = List.copyOf(selectors);
    }

    /** The dashboards of the checkout the test runs in. */
    public static DashboardQueries load() {
        return load(OpenApiContract.repositoryRoot().resolve(DIRECTORY));
    }

    public static DashboardQueries load(Path directory) {
        List<Selector> selectors = new ArrayList<>();
        for (Path file : dashboards(directory)) {
            JsonNode dashboard = JSON.readTree(read(file));
            String title = dashboard.path("title").asString();
            panels(dashboard.path("panels"), panel -> {
                for (JsonNode target : panel.path("targets")) {
                    String expression = target.path("expr").asString();
                    String where = title + " / " + panel.path("title").asString() + " / " + target.path("refId")
                            .asString();
                    selectors.addAll(parse(expression, where));
                }
            });
        }
        if (selectors.isEmpty()) {
            throw new IllegalStateException("No dashboard query under " + directory);
        }
        return new DashboardQueries(selectors);
    }

    /** Every selector of every query. */
    public List<Selector> selectors() {
        return selectors;
    }

    /** The selectors whose {@code application} matcher admits {@code service}. */
    public List<Selector> selecting(String service) {
        return selectors.stream().filter(selector -> selector.reads(service)).toList();
    }

    /**
     * The series selectors of one PromQL expression, {@code where} naming it in messages. Refuses an expression that
     * selects a metric without braces, or a selector without an {@code application} matcher.
     */
    public static List<Selector> parse(String expression, String where) {
        List<Selector> found = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            Matcher matcher = MATCHER.matcher(selector.group(2));
            int end = 0;
            while (matcher.lookingAt()) {
                matchers.add(new LabelMatcher(matcher.group(1), matcher.group(2), unescape(matcher.group(3))));
                end = matcher.end();
                matcher.region(end, selector.group(2).length());
            }
            if (end != selector.group(2).length()) {
                throw new IllegalStateException(where + ": cannot read the label matchers of `" + selector.group()
                        + "`");
            }
            if (matchers.stream().noneMatch(label -> label.label().equals("application")
                    && (label.operator().equals("=") || label.operator().equals("=~")))) {
                throw new IllegalStateException(where + ": `" + selector.group() + "` names no service: add an "
                        + "application=\"...\" or application=~\"...\" matcher");
            }
            found.add(new Selector(where, selector.group(1), matchers));
        }
        String rest = SELECTOR.matcher(expression).replaceAll(" ");
        rest = STRING.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            boolean function = identifier.group(1) != null;
            if (!function && !KEYWORDS.contains(identifier.group())) {
                throw new IllegalStateException(where + ": `" + identifier.group() + "` in `" + expression
                        + "` selects a metric without braces: write it as " + identifier.group()
                        + "{application=...}");
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(where + ": no metric in `" + expression + "`");
        }
        return found;
    }

    private static String unescape(String value) {
        return value.replaceAll("\\\\(.)", "$1");
    }

    private static void panels(JsonNode panels, Consumer<JsonNode> action) {
        for (JsonNode panel : panels) {
            action.accept(panel);
            // A collapsed row holds its panels inside it.
            panels(panel.path("panels"), action);
        }
    }

    private static List<Path> dashboards(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list " + directory, ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    /** One series selector: a metric name and its label matchers, found at {@code where} (dashboard/panel/query). */
    public record Selector(String where, String metric, List<LabelMatcher> matchers) {

        /** Whether the selector's {@code application} matcher admits {@code service}. */
        public boolean reads(String service) {
            return matchers.stream().filter(matcher -> matcher.label().equals("application"))
                    .allMatch(matcher -> matcher.admits(service));
        }

        /** Whether the selector selects a series with these labels. */
        public boolean selects(Map<String, String> labels) {
            return matchers.stream().allMatch(matcher -> matcher.admits(labels.getOrDefault(matcher.label(), "")));
        }

        @Override
        public String toString() {
            return where + ": " + metric + matchers.stream().map(LabelMatcher::toString)
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** {@code label op "value"}; a regular expression matches the whole value, as in PromQL. */
    public record LabelMatcher(String label, String operator, String value) {

        public boolean admits(String actual) {
            return switch (operator) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.compile(value).matcher(actual).matches();
                case "!~" -> !Pattern.compile(value).matcher(actual).matches();
                default -> throw new IllegalStateException("Unknown matcher " + operator);
            };
        }

        @Override
        public String toString() {
            return label + operator + "\"" + value + "\"";
        }
    }
}
