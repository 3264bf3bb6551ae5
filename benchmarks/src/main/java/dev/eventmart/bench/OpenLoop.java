package dev.eventmart.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Open-loop HTTP load: request {@code i} is due at {@code start + i / rate}, whatever happened to the earlier ones,
 * and its latency counts from when it was due (so a stalled server cannot hide behind a waiting client, no
 * coordinated omission). Each request is sent by a {@link Poster} on a virtual thread of its own; at most
 * {@code maxInFlight} are outstanding, a request due while that many are waiting is not sent and counts as
 * dropped (the server is not keeping up).
 */
final class OpenLoop {

    /** A JSON body to POST, with the {@code Authorization} header's value ({@link Tokens#bearer}). */
    record Post(URI uri, String body, String authorization) {
    }

    /** A response: its status and body. */
    record Response(int status, String body) {
    }

    /** What one {@code 2xx} response is worth, decided by the caller: e.g. the number of events a batch accepted. */
    interface ResponseHandler {
        long accepted(int index, Response response);
    }

    /**
     * The load generator's HTTP client: Apache HttpClient 5, blocking, on pooled keep-alive connections, one
     * virtual thread per request. Its CPU counts with the stack's in the saga's cost per order, so it has to be
     * lean: with the JDK's {@link HttpClient} (asynchronous, a hand-off between its selector and worker threads on
     * every exchange) the whole generator cost 1.72 ms of CPU per order at 100 orders/s, with this one 1.14 ms
     * (saga-20261202-214743 and -220725).
     */
    static final class Poster implements AutoCloseable {

        private final CloseableHttpClient http;

        Poster(int maxConnections) {
            ConnectionConfig connections = ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                    .setSocketTimeout(Timeout.ofSeconds(30)).build();
            this.http = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
                            .setDefaultConnectionConfig(connections).build())
                    .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                    .disableContentCompression().disableAuthCaching()
                    .build();
        }

        Response post(Post post) throws IOException {
            HttpPost request = new HttpPost(post.uri());
            request.setEntity(new StringEntity(post.body(), ContentType.APPLICATION_JSON));
            request.setHeader("Authorization", post.authorization());
            return http.execute(request, response -> new Response(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }

    record Result(double targetRate, long scheduled, long ok, long failed, long dropped, long units,
            double seconds, Histogram latencyMicros, java.util.Map<String, Long> failures) {

        double achievedRate() {
            return ok / seconds;
        }

        double unitRate() {
            return units / seconds;
        }

        double failureShare() {
            return scheduled == 0 ? 0 : (double) (failed + dropped) / scheduled;
        }

        String failureSummary() {
            if (failures.isEmpty()) {
                return "0";
            }
            StringBuilder text = new StringBuilder().append(failed + dropped).append(" (");
            failures.forEach((what, count) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                    .append(what).append(' ').append(count));
            return text.append(')').toString();
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Result run(Poster poster, double rate, Duration duration, int maxInFlight, IntFunction<Post> requests,
            ResponseHandler handler) throws InterruptedException {
        long count = Math.round(rate * duration.toNanos() / 1e9);
        double intervalNanos = 1e9 / rate;
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        Semaphore inFlight = new Semaphore(maxInFlight);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder units = new LongAdder();
        AtomicLong lastDone = new AtomicLong();
        ConcurrentHashMap<String, Long> failures = new ConcurrentHashMap<>();
        long dropped = 0;
        long start = System.nanoTime();
        lastDone.set(start);
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                dropped++;
                failures.merge("dropped (" + maxInFlight + " in flight)", 1L, Long::sum);
                continue;
            }
            int index = i;
            Post request = requests.apply(index);
            Thread.ofVirtual().start(() -> {
                try {
                    Response response = poster.post(request);
                    record(latency, lastDone, due);
                    if (response.status() / 100 != 2) {
                        failed.increment();
                        failures.merge("HTTP " + response.status(), 1L, Long::sum);
                    } else {
                        ok.increment();
                        units.add(handler.accepted(index, response));
                    }
                } catch (IOException | RuntimeException e) {
                    record(latency, lastDone, due);
                    failed.increment();
                    failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                } finally {
                    inFlight.release();
                }
            });
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            failures.merge("no answer in 60 s", (long) (maxInFlight - inFlight.availablePermits()), Long::sum);
        } else {
            inFlight.release(maxInFlight);
        }
        double seconds = Math.max(duration.toNanos() / 1e9, (lastDone.get() - start) / 1e9);
        return new Result(rate, count, ok.sum(), failed.sum(), dropped, units.sum(), seconds, latency,
                new java.util.TreeMap<>(failures));
    }

    private static void record(Histogram latency, AtomicLong lastDone, long due) {
        long done = System.nanoTime();
        latency.recordValue(Math.max(0, (done - due) / 1000));
        lastDone.accumulateAndGet(done, Math::max);
    }
}
