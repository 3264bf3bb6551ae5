package dev.eventmart.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault harness's customers ({@code scripts/chaos.sh}): places {@code --orders} orders at a steady
 * {@code --rate}, spread over every order-service instance, while the script kills and restarts processes under
 * them. A customer whose request fails (connection refused, reset, a timeout, a 5xx) tries again with the same
 * {@code Idempotency-Key}, at another instance, until the order is accepted, as a real client with a retry policy
 * would: so a retry that reaches a service which had already stored the order must get that order back, not a
 * second one, and the invariants later cover every order a customer was promised.
 *
 * <p>The mix, by order number: 5 % declined cards, 3 % for a product that is not restocked and runs out, 2 % with
 * the slow card, 5 % with the slow card that the customer cancels a moment later, the rest ordinary. Accepted
 * order ids go to {@code --ids} as they arrive, the stock before the run to {@code --stock}.
 */
final class ChaosLoad {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final String SCARCE_PRODUCT = "P-1003";
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> orderUrls;
    private final List<String> products;
    private final Tokens tokens;
    private final Map<String, AtomicLong> attemptsFailed = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong cancelsAnswered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private BufferedWriter ids;

    private ChaosLoad(Options options) {
        this.orderUrls = options.strings("order-urls", "http://localhost:8081");
        this.tokens = new Tokens(options);
        this.products = options.strings("products", SagaBench.PRODUCTS);
    }

    static void run(Options options) throws Exception {
        new ChaosLoad(options).execute(options);
    }

    private void execute(Options options) throws Exception {
        int orders = options.integer("orders", 10_000);
        double rate = options.decimal("rate", 15);
        int restock = options.integer("restock", 100_000);
        Path idsFile = Path.of(options.required("ids"));
        StockFile.write(Path.of(options.required("stock")), InvariantTable.checker(options, tokens).stock(), restock);
        List<String> inventoryUrls = options.strings("inventory-urls", "http://localhost:8082");
        for (String product : products) {
            send(inventoryUrls, i -> HttpRequest.newBuilder(URI.create(inventoryUrls.get(i) + "/api/products/"
                    + product + "/restock")).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .header("Authorization", tokens.bearer(Tokens.STAFF))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": " + restock + "}")).build(), 0);
        }
        Report.log("Restocked %d products by %d units each (%s is left to run out)", products.size(), restock,
                SCARCE_PRODUCT);

        ids = Files.newBufferedWriter(idsFile, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        long nextLog = start + TimeUnit.SECONDS.toNanos(10);
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < orders; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                customers.submit(() -> {
                    try {
                        customer(index);
                    } catch (RuntimeException e) {
                        refused.incrementAndGet();
                        Report.log("Order %d failed for good: %s", index, e);
                    }
                });
                if (System.nanoTime() > nextLog) {
                    progress(i + 1);
                    nextLog += TimeUnit.SECONDS.toNanos(10);
                }
            }
            Report.log("All %d orders due; waiting for the customers still retrying", orders);
            customers.shutdown();
            while (!customers.awaitTermination(10, TimeUnit.SECONDS)) {
                progress(orders);
            }
        }
        ids.close();
        progress(orders);
        Report.log("Load done in %.0f s: %d accepted, %d refused, %d abandoned after %d min of retries",
                (System.nanoTime() - start) / 1e9, accepted.get(), refused.get(), abandoned.get(),
                GIVE_UP_AFTER.toMinutes());
        if (abandoned.get() > 0 || refused.get() > 0) {
            System.exit(1);
        }
    }

    private void progress(int due) {
        Map<String, Long> failures = new TreeMap<>();
        attemptsFailed.forEach((what, count) -> failures.put(what, count.get()));
        Report.log("Orders due %d, accepted %d, retries %d, cancels answered %d; failed attempts %s", due,
                accepted.get(), retried.get(), cancelsAnswered.get(), failures);
    }

    private void customer(int index) {
        String key = UUID.nameUUIDFromBytes(("chaos-order-" + index).getBytes(StandardCharsets.UTF_8)).toString();
        String body = body(index);
        HttpResponse<String> response = send(orderUrls, i -> HttpRequest.newBuilder(URI.create(orderUrls.get(i)
                + "/api/orders")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).header("Authorization", tokens.bearer(Tokens.STAFF))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), index);
        if (response == null) {
            abandoned.incrementAndGet();
            return;
        }
        Matcher matcher = ORDER_ID.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no orderId in " + response.body());
        }
        String orderId = matcher.group(1);
        accepted.incrementAndGet();
        synchronized (this) {
            try {
                ids.write(orderId);
                ids.newLine();
                ids.flush();
            } catch (IOException e) {
                throw new IllegalStateException("could not record order " + orderId, e);
            }
        }
        if (kind(index) == Kind.CANCELLED) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300 + index % 7 * 150));
            // 200 cancelled, 409 too late (the saga got there first): both are answers.
            if (send(orderUrls, i -> HttpRequest.newBuilder(URI.create(orderUrls.get(i) + "/api/orders/" + orderId
                    + "/cancel")).timeout(Duration.ofSeconds(30)).header("Authorization", tokens.bearer(Tokens.STAFF))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    index) != null) {
                cancelsAnswered.incrementAndGet();
            }
        }
    }

    enum Kind { ORDINARY, DECLINED, SCARCE, SLOW, CANCELLED }

    static Kind kind(int index) {
        int share = index % 100;
        if (share < 5) {
            return Kind.DECLINED;
        }
        if (share < 8) {
            return Kind.SCARCE;
        }
        if (share < 10) {
            return Kind.SLOW;
        }
        return share < 15 ? Kind.CANCELLED : Kind.ORDINARY;
    }

    private String body(int index) {
        Kind kind = kind(index);
        String token = switch (kind) {
            case DECLINED -> "tok_chargeDeclined";
            case SLOW, CANCELLED -> "tok_visa_slow";
            default -> "tok_visa";
        };
        String product = kind == Kind.SCARCE ? SCARCE_PRODUCT : products.get(Math.floorMod(index * 7919,
                products.size()));
        return """
                {"customerId":"chaos-%d","customerEmail":"chaos-%d@example.com","currency":"EUR","paymentToken":"%s",
                 "shippingAddress":{"street":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"US"},
                 "items":[{"productId":"%s","quantity":%d}]}""".formatted(index % 1000, index % 1000, token, product,
                1 + index % 2);
    }

    interface Requests {
        HttpRequest to(int instance);
    }

    /**
     * Sends until a 2xx or 409 answer, moving to the next instance after each failure; null after
     * {@link #GIVE_UP_AFTER}. Any other 4xx is a bug in this generator or the service: it ends the run.
     */
    private HttpResponse<String> send(List<String> urls, Requests requests, int index) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int instance = index % urls.size();
        long backoffMillis = 250;
        while (true) {
            String failure;
            try {
                HttpResponse<String> response = client.send(requests.to(instance),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2 || status == 409) {
                    return response;
                }
                if (status / 100 == 4) {
                    Report.log("Refused with %d: %s", status, response.body());
                    throw new IllegalStateException("HTTP " + status + " " + response.body());
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            attemptsFailed.computeIfAbsent(failure, what -> new AtomicLong()).incrementAndGet();
            if (System.nanoTime() > deadline) {
                return null;
            }
            retried.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
            backoffMillis = Math.min(backoffMillis * 2, 4_000);
            instance = (instance + 1) % urls.size();
        }
    }
}
