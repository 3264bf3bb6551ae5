package dev.eventmart.test.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /actuator/prometheus} served, in the Prometheus text format: each sample's metric name and labels
 * (values and comments left out).
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*");
    private static final Pattern LABEL =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private final Map<String, List<Map<String, String>>> series = new LinkedHashMap<>();

    private PrometheusScrape(String exposition) {
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("Not a sample of the Prometheus text format: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replaceAll("\\\\(.)", "$1"));
                }
            }
            series.computeIfAbsent(sample.group(1), name -> new ArrayList<>()).add(labels);
        }
    }

    public static PrometheusScrape of(String exposition) {
        return new PrometheusScrape(exposition);
    }

    /** The labels of every sample of {@code metric} (a sample's full name, such as {@code x_seconds_bucket}). */
    public List<Map<String, String>> series(String metric) {
        return series.getOrDefault(metric, List.of());
    }

    /** Whether a sample the scrape holds is one {@code selector} selects. */
    public boolean holdsSeriesOf(DashboardQueries.Selector selector) {
        return series(selector.metric()).stream().anyMatch(selector::selects);
    }
}
