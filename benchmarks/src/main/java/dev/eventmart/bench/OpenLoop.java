package dev.eventmart.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * Open-loop HTTP load: request {@code i} is due at {@code start + i / rate}, whatever happened to the earlier ones,
 * and its latency counts from when it was due (so a stalled server cannot hide behind a waiting client, no
 * coordinated omission). Requests go out asynchronously through one {@link HttpClient}; at most
 * {@code maxInFlight} are outstanding, a request due while that many are waiting is not sent and counts as
 * dropped (the server is not keeping up).
 */
final class OpenLoop {

    /** What one response is worth, decided by the caller: e.g. the number of events a batch accepted. */
    interface ResponseHandler {
        long accepted(int index, HttpResponse<String> response);
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

    static Result run(HttpClient client, double rate, Duration duration, int maxInFlight,
            IntFunction<HttpRequest> requests, ResponseHandler handler) throws InterruptedException {
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
            HttpRequest request = requests.apply(index);
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long done = System.nanoTime();
                latency.recordValue(Math.max(0, (done - due) / 1000));
                lastDone.accumulateAndGet(done, Math::max);
                try {
                    if (error != null) {
                        failed.increment();
                        failures.merge(error.getClass().getSimpleName(), 1L, Long::sum);
                    } else if (response.statusCode() / 100 != 2) {
                        failed.increment();
                        failures.merge("HTTP " + response.statusCode(), 1L, Long::sum);
                    } else {
                        ok.increment();
                        units.add(handler.accepted(index, response));
                    }
                } catch (RuntimeException e) {
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
}
