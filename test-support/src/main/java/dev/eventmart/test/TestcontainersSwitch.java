package dev.eventmart.test;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether this test JVM takes PostgreSQL and Kafka from Testcontainers ({@link EventMartContainers}) instead of
 * the in-process broker and a local PostgreSQL server. Opt-in: {@code -Dtestcontainers=true}, or a Docker daemon
 * found when the property is not set; {@code -Dtestcontainers=false} turns it off. Without Docker it stays off,
 * and says so in one log line.
 */
final class TestcontainersSwitch {

    static final String PROPERTY = "testcontainers";

    private static final Logger log = LoggerFactory.getLogger(TestcontainersSwitch.class);

    private TestcontainersSwitch() {
    }

    static boolean on() {
        Decision decision = decide(System.getProperty(PROPERTY),
                () -> DockerClientFactory.instance().isDockerAvailable());
        if (decision.on()) {
            log.info("Testcontainers on: {}", decision.reason());
        }
        else if (decision.requested()) {
            log.warn("Testcontainers off: {}", decision.reason());
        }
        else {
            log.info("Testcontainers off: {}", decision.reason());
        }
        return decision.on();
    }

    /** @param property the value of {@code -Dtestcontainers}, null when not set */
    static Decision decide(String property, BooleanSupplier dockerAvailable) {
        if (property == null || property.isBlank()) {
            return dockerAvailable.getAsBoolean()
                    ? new Decision(true, false, "a Docker daemon answered (-Dtestcontainers=false turns this off)")
                    : new Decision(false, false, "no Docker daemon found (logger "
                            + "org.testcontainers.dockerclient at DEBUG says where it looked); using the in-process "
                            + "Kafka broker and a local PostgreSQL server");
        }
        return switch (property.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> dockerAvailable.getAsBoolean()
                    ? new Decision(true, true, "-Dtestcontainers=true")
                    : new Decision(false, true, "-Dtestcontainers=true but no Docker daemon found; using the "
                            + "in-process Kafka broker and a local PostgreSQL server");
            case "false" -> new Decision(false, false, "-Dtestcontainers=false");
            default -> throw new IllegalArgumentException("-Dtestcontainers must be true or false, was " + property);
        };
    }

    /** @param requested whether -Dtestcontainers=true asked for containers */
    record Decision(boolean on, boolean requested, String reason) {
    }
}
