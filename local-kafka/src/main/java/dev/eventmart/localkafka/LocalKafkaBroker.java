package dev.eventmart.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs one Apache Kafka broker in KRaft mode (broker and controller in one process) with its data in a local
 * directory, so the local stack needs no Docker. The first start formats the directory; later starts reuse it,
 * so topics and consumer offsets survive a restart. Stops cleanly on SIGTERM/SIGINT (Kafka's own shutdown hook).
 *
 * <p>Arguments: {@code <data-dir> [port] [controller-port]}, defaults 9092 and 9093.
 *
 * <p>With {@code EVENTMART_KAFKA_SASL=true} the broker authenticates and authorizes: its one listener for clients
 * speaks SASL_PLAINTEXT with SCRAM-SHA-512, the StandardAuthorizer denies whatever no ACL allows, and the super user
 * {@code admin} (password {@code KAFKA_ADMIN_PASSWORD}) is the broker itself and the operator tools. Once the broker
 * serves, it creates the users and ACLs of {@link KafkaAccess} ({@link KafkaSecurity}) and prints
 * {@value #SECURITY_APPLIED}. A data directory formatted without SASL cannot be reused with it (the admin's
 * credential is written at format time), so the run script keeps one directory per mode.
 */
public final class LocalKafkaBroker {

    static final String SECURITY_APPLIED = "Kafka users and ACLs applied";

    private static final String SASL_MARKER = "sasl-formatted";

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".run/kafka").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
        boolean sasl = Boolean.parseBoolean(System.getenv("EVENTMART_KAFKA_SASL"));

        Path config = prepare(dataDir, port, controllerPort, sasl);
        if (sasl) {
            applySecurityOnceServing("localhost:" + port);
        }
        Kafka.main(new String[] { config.toString() });
    }

    /**
     * Writes the broker's configuration into {@code dataDir} and formats the directory on first use; returns the
     * configuration file.
     */
    static Path prepare(Path dataDir, int port, int controllerPort, boolean sasl) throws IOException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        if (sasl) {
            // It holds the admin's password: readable by this account only.
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(config)) {
            config(dataDir, port, controllerPort, sasl).store(writer, "Written by LocalKafkaBroker on every start");
        }
        boolean formatted = Files.exists(dataDir.resolve("logs").resolve("meta.properties"));
        if (!formatted) {
            format(config, sasl);
            if (sasl) {
                Files.writeString(dataDir.resolve(SASL_MARKER), "formatted with the admin's SCRAM credential\n");
            }
        }
        else if (sasl && !Files.exists(dataDir.resolve(SASL_MARKER))) {
            throw new IllegalStateException(dataDir + " was formatted without SASL, so it has no credential for the"
                    + " broker's own user admin: use another data directory for EVENTMART_KAFKA_SASL=true");
        }
        return config;
    }

    static Properties config(Path dataDir, int port, int controllerPort, boolean sasl) {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        if (sasl) {
            sasl(properties, port, controllerPort);
        }
        else {
            properties.setProperty("listeners",
                    "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            properties.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
            properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        properties.setProperty("log.dirs", dataDir.resolve("logs").toString());
        properties.setProperty("num.partitions", "3");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        // A single local broker: consumers should not wait for more members before the first rebalance.
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are declared by the services with their partitions and retention; a typo should not create one.
        properties.setProperty("auto.create.topics.enable", "false");
        // One thread reading requests off the sockets and two handling them, not Kafka's 3 and 8: a broker sized for
        // a laptop, a CI runner or a two-core box next to six other JVMs. Every request crosses a network thread, a
        // handler and back, and on a quiet machine each crossing wakes a sleeping thread; with fewer threads more
        // of them find one awake. Measured with scripts/bench.sh saga at 20 orders/s (the machine not saturated):
        // the broker's CPU per order 15.4 -> 12.5 ms, placed -> terminal p99 332 -> 106 ms
        // (benchmarks/results/saga-20261207-144235.md). KAFKA_NUM_NETWORK_THREADS / KAFKA_NUM_IO_THREADS override.
        properties.setProperty("num.network.threads", env("KAFKA_NUM_NETWORK_THREADS", "1"));
        properties.setProperty("num.io.threads", env("KAFKA_NUM_IO_THREADS", "2"));
        return properties;
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /**
     * Clients (and the broker's own inter-broker traffic) on SASL_PLAINTEXT with SCRAM-SHA-512; the controller
     * listener with PLAIN and the one user admin written into its configuration: SCRAM credentials live in the
     * metadata the controller serves, so the controller's own listener does not depend on them (the setup Kafka's
     * developers describe for KRaft with SCRAM, KAFKA-15513).
     */
    private static void sasl(Properties properties, int port, int controllerPort) {
        String admin = KafkaAccess.ADMIN;
        String adminPassword = KafkaAccess.password(admin);
        properties.setProperty("listeners",
                "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        properties.setProperty("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        properties.setProperty("listener.security.protocol.map",
                "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        properties.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        properties.setProperty("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        properties.setProperty("sasl.mechanism.inter.broker.protocol", KafkaSecurity.MECHANISM);
        properties.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                KafkaSecurity.jaasConfig(admin, adminPassword));
        properties.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        properties.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        properties.setProperty("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";");
        properties.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.setProperty("super.users", "User:" + admin);
        properties.setProperty("allow.everyone.if.no.acl.found", "false");
    }

    /**
     * In the background: once the broker answers, creates the users and ACLs; prints {@value #SECURITY_APPLIED}
     * when done. A broker whose security cannot be applied is no use to anyone: it is stopped.
     */
    private static void applySecurityOnceServing(String bootstrapServers) {
        Thread thread = new Thread(() -> {
            try {
                KafkaAccess access = KafkaAccess.load();
                int acls = KafkaSecurity.apply(bootstrapServers, access, KafkaAccess::password,
                        Duration.ofSeconds(120));
                System.out.println(SECURITY_APPLIED + ": " + access.principals().size() + " users besides "
                        + KafkaAccess.ADMIN + ", " + acls + " ACLs (" + KafkaAccess.RESOURCE + ")");
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException e) {
                e.printStackTrace();
                System.err.println("Stopping the broker: its users and ACLs could not be applied");
                System.exit(1);
            }
        }, "eventmart-kafka-security");
        thread.setDaemon(true);
        thread.start();
    }

    private static void format(Path config, boolean sasl) {
        List<String> args = new ArrayList<>(List.of("format", "--ignore-formatted", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", config.toString()));
        if (sasl) {
            // The broker's own credential must exist before it can authenticate to itself: KRaft takes it at format.
            args.addAll(List.of("--add-scram", KafkaSecurity.MECHANISM + "=[name=" + KafkaAccess.ADMIN + ",password="
                    + KafkaAccess.password(KafkaAccess.ADMIN) + "]"));
        }
        int exitCode = StorageTool.execute(args.toArray(String[]::new), new PrintStream(System.out, true));
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka data directory failed with exit code " + exitCode);
        }
    }
}
