package dev.eventmart.bench;

import dev.eventmart.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Analytics freshness: page views of new users at a steady rate; for each, the time from its {@code 202} to the
 * first {@code GET /api/analytics/users/{userId}} that answers {@code 200} (polled every {@code --poll-ms}, so the
 * figures are accurate to about that interval).
 */
final class FreshnessBench {

    private FreshnessBench() {
    }

    static void run(Options options) throws Exception {
        String url = options.string("url", "http://localhost:8085");
        double rate = options.decimal("rate", 100);
        Duration duration = Duration.ofSeconds(options.integer("duration-s", 20));
        long pollMillis = options.integer("poll-ms", 10);
        long timeoutNanos = Duration.ofSeconds(options.integer("timeout-s", 10)).toNanos();
        HttpClient client = OpenLoop.client();
        Tokens tokens = new Tokens(options);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Histogram visible = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder notAccepted = new LongAdder();
        LongAdder neverVisible = new LongAdder();
        LongAdder polls = new LongAdder();

        int warmup = options.integer("warmup-s", 20);
        if (warmup > 0) {
            Report.log("Freshness warm-up: %.0f page views/s for %d s", rate, warmup);
            try (OpenLoop.Poster poster = new OpenLoop.Poster(1000)) {
                OpenLoop.run(poster, rate, Duration.ofSeconds(warmup), 1000, i -> new OpenLoop.Post(URI.create(url
                        + "/api/activity/pageview"), ActivityPayloads.pageView("fresh-" + run + "-w" + i, i),
                        tokens.bearer(Tokens.ACTIVITY)),
                        (i, r) -> 1);
            }
        }
        // Start from an idle pipeline: what earlier scenarios left for Kafka Streams (order events of the saga, the
        // warm-up) would otherwise be measured as this scenario's delay.
        try (StreamsLag lag = new StreamsLag(options.string("bootstrap-servers", "localhost:9092"),
                options.string("streams-group", "analytics-service-streams"), Topics.ACTIVITY_TRACKED)) {
            lag.awaitZero(Duration.ofSeconds(120));
        }
        Report.log("Freshness: %.0f page views/s of new users for %d s", rate, duration.toSeconds());
        long count = Math.round(rate * duration.toSeconds());
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            LockSupport.parkNanos(due - System.nanoTime());
            String user = "fresh-" + run + "-" + i;
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(url
                            + "/api/activity/pageview")).header("Content-Type", "application/json")
                            .header("Authorization", tokens.bearer(Tokens.ACTIVITY))
                            .POST(HttpRequest.BodyPublishers.ofString(ActivityPayloads.pageView(user, index))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long acceptedAt = System.nanoTime();
                    if (accepted.statusCode() != 202) {
                        notAccepted.increment();
                        return;
                    }
                    HttpRequest query = HttpRequest.newBuilder(URI.create(url + "/api/analytics/users/" + user))
                            .header("Authorization", tokens.bearer(Tokens.STAFF)).GET().build();
                    while (System.nanoTime() - acceptedAt < timeoutNanos) {
                        polls.increment();
                        HttpResponse<String> answer = client.send(query, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200 && answer.body().contains("\"pageViews\":1")) {
                            visible.recordValue((System.nanoTime() - acceptedAt) / 1000);
                            return;
                        }
                        // Polls every --poll-ms at first, then every tenth of the time waited so far (at most
                        // 100 ms): accurate to ~10 % without a slow pipeline drowning in its own polls.
                        long waitedMillis = (System.nanoTime() - acceptedAt) / 1_000_000;
                        Thread.sleep(Math.max(pollMillis, Math.min(100, waitedMillis / 10)));
                    }
                    neverVisible.increment();
                } catch (Exception e) {
                    notAccepted.increment();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        Report report = new Report(options);
        report.line("### Freshness: 202 → visible in GET /api/analytics/users/{userId}").line("")
                .line("Page views of new users at " + Report.num(rate) + "/s for " + duration.toSeconds()
                        + " s; each user polled after its 202 until it shows the view, every " + pollMillis
                        + " ms at first, then every tenth of the time waited so far (at most 100 ms).")
                .line("")
                .header("events", "p50 ms", "p95 ms", "p99 ms", "max ms", "not visible in "
                        + timeoutNanos / 1_000_000_000 + " s", "not accepted", "polls per event");
        report.row(count, Report.pct(visible, 50), Report.pct(visible, 95), Report.pct(visible, 99), Report.max(visible),
                neverVisible.sum(), notAccepted.sum(), Report.fixed((double) polls.sum() / Math.max(1, count), 1));
        report.line("");
        report.figure("freshness.p50_ms", Report.pct(visible, 50)).figure("freshness.p99_ms", Report.pct(visible, 99))
                .figure("freshness.not_visible", neverVisible.sum());
        report.write();
    }
}
