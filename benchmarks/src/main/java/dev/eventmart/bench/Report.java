package dev.eventmart.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Markdown output (appended to --out and printed) and headline figures (appended to --kv as key=value). */
final class Report {

    private final Path out;
    private final Path kv;
    private final StringBuilder text = new StringBuilder();
    private final List<String> figures = new ArrayList<>();

    Report(Options options) {
        this.out = Path.of(options.required("out"));
        this.kv = Path.of(options.required("kv"));
    }

    Report line(String line) {
        text.append(line).append('\n');
        return this;
    }

    Report row(Object... cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell).append(" |");
        }
        return line(row.toString());
    }

    Report header(String... cells) {
        row((Object[]) cells);
        StringBuilder separator = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            separator.append(i == 0 ? "---|" : "---:|");
        }
        return line(separator.toString());
    }

    Report figure(String key, Object value) {
        figures.add(key + "=" + value);
        return this;
    }

    void write() throws IOException {
        System.out.print(text);
        System.out.flush();
        Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.write(kv, figures, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Microseconds as milliseconds with sensible precision. */
    static String ms(double micros) {
        double ms = micros / 1000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    static String pct(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? "–" : ms(histogram.getValueAtPercentile(percentile));
    }

    static String max(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? "–" : ms(histogram.getMaxValue());
    }

    static String num(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "%tT %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
