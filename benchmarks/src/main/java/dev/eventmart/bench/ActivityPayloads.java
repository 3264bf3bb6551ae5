package dev.eventmart.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Storefront activity as the ingestion API takes it, and as analytics-service publishes it to Kafka. */
final class ActivityPayloads {

    private static final String[] PAGES = { "/", "/category/peripherals", "/category/displays", "/product/P-1001",
            "/product/P-1003", "/cart", "/search?q=usb+c", "/checkout" };
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148" };

    private ActivityPayloads() {
    }

    /** The body of {@code POST /api/activity/pageview}. */
    static String pageView(String userId, int i) {
        return """
                {"userId":"%s","sessionId":"%s-s%d","pageUrl":"https://shop.eventmart.dev%s","pageTitle":"EventMart",\
                "loadTimeMs":%d,"previousPage":"https://shop.eventmart.dev%s"}""".formatted(userId, userId, i % 3,
                PAGES[i % PAGES.length], 80 + i % 400, PAGES[(i + 3) % PAGES.length]);
    }

    /** A {@code POST /api/activity/batch} body of {@code size} page views of users {@code prefix-0 .. prefix-999}. */
    static String batch(String prefix, int size, int seed) {
        StringBuilder body = new StringBuilder(size * 260).append('[');
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append("{\"eventType\":\"pageview\",\"data\":")
                    .append(pageView(prefix + "-" + ((seed * 31 + i) % 1000), seed + i)).append('}');
        }
        return body.append(']').toString();
    }

    /**
     * What analytics-service publishes for a page view (the enriched event, about 500 bytes), one per line:
     * the payload file for Kafka's ProducerPerformance. {@code --file}, {@code --count}.
     */
    static void writePayloadFile(Options options) throws IOException {
        int count = options.integer("count", 1000);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = "user-" + (i * 7919 % 100_000);
            lines.add("""
                    {"eventId":"%s","userId":"%s","sessionId":"%s-s%d","pageUrl":"https://shop.eventmart.dev%s",\
                    "pageTitle":"EventMart","loadTimeMs":%d,"previousPage":"https://shop.eventmart.dev%s",\
                    "client":{"userAgent":"%s","deviceType":"%s","ipAddress":"10.0.%d.%d"},\
                    "occurredAt":"2026-11-23T10:15:%02d.%03dZ"}""".formatted(UUID.randomUUID(), user, user, i % 3,
                    PAGES[i % PAGES.length], 80 + i % 400, PAGES[(i + 3) % PAGES.length], AGENTS[i % 2],
                    i % 2 == 0 ? "DESKTOP" : "MOBILE", i % 256, (i * 7) % 256, i % 60, i % 1000));
        }
        Path file = Path.of(options.required("file"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        double average = lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length).average().orElse(0);
        System.out.printf("%.0f%n", average);
    }
}
