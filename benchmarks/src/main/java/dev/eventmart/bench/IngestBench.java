package dev.eventmart.bench;

import dev.eventmart.events.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Activity ingestion under increasing open-loop load, single events ({@code POST /api/activity/pageview}) and
 * batches ({@code POST /api/activity/batch}): per step the events/s accepted, HTTP latency, failures and the CPU
 * seconds analytics-service and the broker spent per 10,000 events. The step ladder stops at the first step that
 * misses p99 < 1 s, loses more than 0.1 % of requests or falls below 90 % of its target rate.
 */
final class IngestBench {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private IngestBench() {
    }

    record Step(String mode, OpenLoop.Result result, CpuSampler.Usage usage, boolean passed) {
    }

    static void run(Options options) throws Exception {
        String url = options.string("url", "http://localhost:8085");
        Tokens tokens = new Tokens(options);
        Duration step = Duration.ofSeconds(options.integer("step-s", 10));
        int batchSize = options.integer("batch-size", 500);
        double producerRate = options.decimal("producer-rate", 0);
        CpuSampler cpu = new CpuSampler(options);
        OpenLoop.Poster poster = new OpenLoop.Poster(1000);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

        List<Step> steps = new ArrayList<>();
        // Warm-up, not reported: both endpoints for a few seconds so the JIT has compiled them.
        Report.log("Ingest warm-up");
        OpenLoop.run(poster, 500, Duration.ofSeconds(options.integer("warmup-s", 10)), 1000,
                i -> single(url, tokens, run + "-w", i), (i, r) -> 1);
        List<String> batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            batches.add(ActivityPayloads.batch("bench-" + run + "-b" + b, batchSize, b));
        }
        OpenLoop.run(poster, 10, Duration.ofSeconds(options.integer("warmup-s", 10)), 100,
                i -> batch(url, tokens, batches.get(i % batches.size())), IngestBench::accepted);

        StreamsLag lag = new StreamsLag(options.string("bootstrap-servers", "localhost:9092"),
                options.string("streams-group", "analytics-service-streams"), Topics.ACTIVITY_TRACKED);
        ladder(steps, cpu, "single", options.decimals("single-rates", "500,1000,2000,4000,8000,16000"), 1, lag, rate -> {
            Report.log("Single events: %.0f events/s for %d s", rate, step.toSeconds());
            return OpenLoop.run(poster, rate, step, options.integer("max-in-flight", 1000),
                    i -> single(url, tokens, run, i), (i, r) -> 1);
        });
        ladder(steps, cpu, "batch of " + batchSize, options.decimals("batch-rates", "5000,10000,25000,50000,100000,150000"),
                batchSize, lag, rate -> {
                    Report.log("Batches of %d: %.0f events/s for %d s", batchSize, rate, step.toSeconds());
                    return OpenLoop.run(poster, rate / batchSize, step, options.integer("max-in-flight", 1000),
                            i -> batch(url, tokens, batches.get(i % batches.size())), IngestBench::accepted);
                });
        lag.close();
        poster.close();
        Report report = new Report(options);
        report.line("### Ingest: activity events through the REST API into Kafka").line("")
                .line("Open loop, " + step.toSeconds() + " s per step; a step passes with p99 < 1 s, ≤ 0.1 % failed "
                        + "and ≥ 90 % of the target rate. CPU s / 10k events: CPU seconds of the process per 10,000 "
                        + "accepted events (analytics-service includes its Kafka Streams work on them).")
                .line("")
                .header("endpoint", "target ev/s", "accepted ev/s", "p50 ms", "p99 ms", "max ms", "failures",
                        "analytics CPU s/10k", "broker CPU s/10k", "CPU (share of one core)", "pass");
        for (Step s : steps) {
            OpenLoop.Result r = s.result();
            double per10k = r.units() == 0 ? 0 : 10_000.0 / r.units();
            double unitsPerRequest = s.mode().equals("single") ? 1 : batchSize;
            report.row(s.mode(), Report.num(r.targetRate() * unitsPerRequest), Report.num(r.unitRate()),
                    Report.pct(r.latencyMicros(), 50), Report.pct(r.latencyMicros(), 99), Report.max(r.latencyMicros()),
                    r.failureSummary(), Report.fixed(s.usage().seconds("analytics-service") * per10k, 2),
                    Report.fixed(s.usage().seconds("kafka") * per10k, 2), s.usage().summary(),
                    s.passed() ? "yes" : "no");
        }
        report.line("");
        for (String mode : List.of("single", "batch")) {
            Step best = steps.stream().filter(s -> s.mode().startsWith(mode) && s.passed())
                    .max((a, b) -> Double.compare(a.result().unitRate(), b.result().unitRate())).orElse(null);
            double rate = best == null ? 0 : best.result().unitRate();
            double per10k = best == null || best.result().units() == 0 ? 0
                    : best.usage().seconds("analytics-service") * 10_000.0 / best.result().units();
            String ratio = producerRate > 0 ? Report.fixed(100.0 * rate / producerRate, 1) + " %" : "n/a";
            report.line("- **" + mode + "**: " + Report.num(rate) + " events/s with p99 < 1 s"
                    + (best == null ? "" : " (p99 " + Report.pct(best.result().latencyMicros(), 99) + " ms)")
                    + "; " + Report.fixed(per10k, 2) + " CPU s of analytics-service per 10k events; "
                    + ratio + " of the raw producer rate (" + Report.num(producerRate) + " records/s, lz4)");
            report.figure("ingest." + mode + ".events_per_s", Report.fixed(rate, 0))
                    .figure("ingest." + mode + ".cpu_s_per_10k", Report.fixed(per10k, 2))
                    .figure("ingest." + mode + ".ratio_to_producer", ratio.replace(" ", ""));
        }
        report.line("");
        report.write();
    }

    private interface LoadStep {
        OpenLoop.Result run(double eventsPerSecond) throws Exception;
    }

    /**
     * Runs the steps of one ladder until the first that fails. Each starts once Kafka Streams has worked off what
     * the previous steps produced (its lag on the activity topic is zero), so no step pays for another's backlog:
     * analytics-service aggregates every accepted event in the same JVM that ingests them.
     */
    private static void ladder(List<Step> steps, CpuSampler cpu, String mode, List<Double> rates,
            int eventsPerRequest, StreamsLag lag, LoadStep load) throws Exception {
        for (double rate : rates) {
            lag.awaitZero(Duration.ofSeconds(120));
            CpuSampler.Window window = cpu.start();
            OpenLoop.Result result = load.run(rate);
            Step s = new Step(mode, result, window.stop(), passes(result, rate / eventsPerRequest));
            steps.add(s);
            if (!s.passed()) {
                return;
            }
        }
    }

    private static boolean passes(OpenLoop.Result result, double rate) {
        return result.latencyMicros().getTotalCount() > 0 && result.latencyMicros().getValueAtPercentile(99) < 1_000_000
                && result.failureShare() <= 0.001 && result.achievedRate() >= 0.9 * rate;
    }

    private static OpenLoop.Post single(String url, Tokens tokens, String run, int i) {
        return new OpenLoop.Post(URI.create(url + "/api/activity/pageview"),
                ActivityPayloads.pageView("bench-" + run + "-" + i % 10_000, i), tokens.bearer(Tokens.ACTIVITY));
    }

    private static OpenLoop.Post batch(String url, Tokens tokens, String body) {
        return new OpenLoop.Post(URI.create(url + "/api/activity/batch"), body, tokens.bearer(Tokens.ACTIVITY));
    }

    private static long accepted(int index, OpenLoop.Response response) {
        Matcher matcher = ACCEPTED.matcher(response.body());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
