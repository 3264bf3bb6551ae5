package dev.eventmart.e2e;

import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import dev.eventmart.test.security.TestTokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The saga's services running together for the end-to-end suite, once per test JVM, against the test broker and
 * the test database.
 *
 * <p>Orders expire after {@link #EXPIRY_TIMEOUT}, longer than any scenario takes, so an order ends the way its
 * replies decide even while a service is restarted; a scenario about expiry restarts order-service with
 * {@link #SHORT_EXPIRY_TIMEOUT}. With a short timeout everywhere, an order stalled by a restart could simply expire
 * and a test about recovery would pass without showing any.
 */
final class Platform {

    static final String ORDER = "order-service";
    static final String INVENTORY = "inventory-service";
    static final String PAYMENT = "payment-service";
    static final String NOTIFICATION = "notification-service";
    static final String ANALYTICS = "analytics-service";
    static final String IDENTITY = "identity-service";
    static final String STOREFRONT = "storefront";
    static final String EXPIRY_TIMEOUT = "5m";
    static final String SHORT_EXPIRY_TIMEOUT = "8s";

    private static Platform instance;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    /** Every service exports its spans here, every trace sampled. */
    private final OtlpReceiver spans = OtlpReceiver.start();

    private Platform() {
        TestDatabase database = TestInfrastructure.database();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "DB_URL", database.url(),
                "DB_POOL_SIZE", "5",
                "ORDER_EXPIRY_TIMEOUT", EXPIRY_TIMEOUT,
                "ORDER_EXPIRY_SCAN_INTERVAL", "500ms",
                // Room to cancel an order paid with the slow test card before its payment is decided.
                "PAYMENT_SLOW_CARD_LATENCY", "5s",
                // Under a directory per user: the first user to build on a machine owns the parent.
                "KAFKA_STREAMS_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"),
                        "eventmart-e2e-streams-" + System.getProperty("user.name"), UUID.randomUUID().toString())
                        .toString(),
                "KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        // Every trace recorded and exported to the test's receiver within a fifth of a second; Spring Boot reads the
        // collector's address from OpenTelemetry's own variable. The logs go there too, as in compose.
        Map<String, String> tracing = Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint(),
                "MANAGEMENT_OPENTELEMETRY_LOGGING_EXPORT_OTLP_ENDPOINT", spans.endpoint() + "/v1/logs",
                "OTEL_BSP_SCHEDULE_DELAY", "200",
                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        // Tokens are the test JVM's (TestTokens, shaped as identity-service issues them), verified by every service
        // against its JWKS; analytics-service fetches its own for its peers from its token endpoint.
        Map<String, String> tokens = Map.of(
                "AUTH_ISSUER_URI", TestTokens.issuer(),
                "AUTH_JWK_SET_URI", TestTokens.jwkSetUri(),
                "AUTH_TOKEN_URI", TestTokens.tokenUri());
        // No MAIL_HOST: notification-service writes its emails to the log, and the audit trail is what we check.
        // Each service logs in as its own database role, which owns its schema and nothing else, as in every
        // deployment; the invariants read every schema as the admin (Invariants).
        for (String name : List.of(INVENTORY, PAYMENT, NOTIFICATION, ANALYTICS, ORDER)) {
            TestDatabase.Login login = database.login(name);
            Map<String, String> own = new HashMap<>(environment);
            own.putAll(tokens);
            own.putAll(tracing);
            own.put("DB_USERNAME", login.username());
            own.put("DB_PASSWORD", login.password());
            services.put(name, new ServiceProcess(name, Map.copyOf(own)));
        }
    }

    static synchronized Platform get() {
        if (instance == null) {
            Platform platform = new Platform();
            // Only a safety net for an aborted run; tests stop the platform themselves.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> platform.services.values()
                    .forEach(ServiceProcess::stop), "stop-services"));
            platform.services.values().forEach(ServiceProcess::start);
            platform.services.values().forEach(ServiceProcess::awaitReady);
            instance = platform;
        }
        return instance;
    }

    /**
     * The storefront and a real identity-service, started on first use (only the browser test needs them), and the
     * storefront's address. identity-service signs with the test JVM's key under its issuer
     * ({@link TestTokens#signingKeyPem()}), so the tokens it issues at login pass the services' checks like the
     * ones {@link TestTokens} makes. The storefront's port is chosen first: identity-service must know where it may
     * send authorization codes.
     */
    synchronized String storefront() {
        if (!services.containsKey(STOREFRONT)) {
            int storefrontPort = ServiceProcess.freePort();
            String storefrontUrl = "http://localhost:" + storefrontPort;
            ServiceProcess identity = new ServiceProcess(IDENTITY, Map.of(
                    "SPRING_PROFILES_ACTIVE", "local",
                    "AUTH_ISSUER_URI", TestTokens.issuer(),
                    "AUTH_SIGNING_KEY", TestTokens.signingKeyPem(),
                    "STOREFRONT_REDIRECT_URIS", storefrontUrl + "/login/oauth2/code/eventmart"));
            ServiceProcess storefront = new ServiceProcess(STOREFRONT, storefrontPort, Map.of(
                    // The browser goes to identity-service by the name it has in the storefront's redirects.
                    "AUTH_ISSUER_URI", identity.baseUrl(),
                    // The ID token of a login must name the issuer identity-service signs as.
                    "AUTH_TOKEN_ISSUER", TestTokens.issuer(),
                    "ORDER_SERVICE_URI", url(ORDER),
                    "INVENTORY_SERVICE_URI", url(INVENTORY),
                    "PAYMENT_SERVICE_URI", url(PAYMENT),
                    "NOTIFICATION_SERVICE_URI", url(NOTIFICATION),
                    "ANALYTICS_SERVICE_URI", url(ANALYTICS),
                    "STOREFRONT_METRICS_INTERVAL", "1s"));
            identity.start();
            storefront.start();
            services.put(IDENTITY, identity);
            services.put(STOREFRONT, storefront);
            identity.awaitReady();
            storefront.awaitReady();
        }
        return url(STOREFRONT);
    }

    OtlpReceiver spans() {
        return spans;
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    void stop(String service) {
        services.get(service).stop();
    }

    void start(String service) {
        start(service, Map.of());
    }

    /** Starts a stopped service with {@code overrides} on top of the shared environment, and waits until ready. */
    void start(String service, Map<String, String> overrides) {
        ServiceProcess process = services.get(service);
        process.start(overrides);
        process.awaitReady();
    }

    /** Starts the service as usual unless it is running: for a {@code finally} that must leave it up. */
    void startIfStopped(String service) {
        if (!services.get(service).isRunning()) {
            start(service);
        }
    }

    /** Stops the service and starts it again with {@code overrides} (none: as usual). */
    void restart(String service, Map<String, String> overrides) {
        stop(service);
        start(service, overrides);
    }

    /**
     * Stops every service while the test broker is still up (from the test class, not a shutdown hook), so they
     * shut down gracefully in a second or two instead of waiting for a broker that is going away.
     */
    static synchronized void stopAll() {
        if (instance != null) {
            instance.services.values().parallelStream().forEach(ServiceProcess::stop);
            instance.spans.stop();
            instance = null;
        }
    }
}
