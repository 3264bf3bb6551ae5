package dev.eventmart.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".run/kafka").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;

        Path config = writeConfig(dataDir, port, controllerPort);
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(config);
        }
        Kafka.main(new String[] { config.toString() });
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        properties.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
        Path config = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "Written by LocalKafkaBroker on every start");
        }
        return config;
    }

    private static void format(Path config) {
        int exitCode = StorageTool.execute(new String[] { "format", "--ignore-formatted", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", config.toString() }, new PrintStream(System.out, true));
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka data directory failed with exit code " + exitCode);
        }
    }
}
