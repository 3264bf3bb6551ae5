package dev.eventmart.e2e;

import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The saga's services running together for the end-to-end suite, once per test JVM, against the test broker and
 * the test database. Expiry is shortened so a stalled order ends within seconds.
 */
final class Platform {

    static final String ORDER = "order-service";
    static final String INVENTORY = "inventory-service";
    static final String PAYMENT = "payment-service";
    static final String NOTIFICATION = "notification-service";
    static final String ANALYTICS = "analytics-service";
    static final String EXPIRY_TIMEOUT = "8s";

    private static Platform instance;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private Platform() {
        TestDatabase database = TestInfrastructure.database();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "DB_URL", database.url(),
                "DB_USERNAME", database.username(),
                "DB_PASSWORD", database.password(),
                "DB_POOL_SIZE", "5",
                "ORDER_EXPIRY_TIMEOUT", EXPIRY_TIMEOUT,
                "ORDER_EXPIRY_SCAN_INTERVAL", "500ms",
                "KAFKA_STREAMS_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "eventmart-e2e-streams",
                        UUID.randomUUID().toString()).toString(),
                "KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        // No MAIL_HOST: notification-service writes its emails to the log, and the audit trail is what we check.
        for (String name : List.of(INVENTORY, PAYMENT, NOTIFICATION, ANALYTICS, ORDER)) {
            services.put(name, new ServiceProcess(name, environment));
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

    String url(String service) {
        return services.get(service).baseUrl();
    }

    void stop(String service) {
        services.get(service).stop();
    }

    void start(String service) {
        ServiceProcess process = services.get(service);
        process.start();
        process.awaitReady();
    }

    /**
     * Stops every service while the test broker is still up (from the test class, not a shutdown hook), so they
     * shut down gracefully in a second or two instead of waiting for a broker that is going away.
     */
    static synchronized void stopAll() {
        if (instance != null) {
            instance.services.values().parallelStream().forEach(ServiceProcess::stop);
            instance = null;
        }
    }
}
