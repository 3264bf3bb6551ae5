package dev.eventmart.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One EventMart service running as its own process from its executable jar, as in production: stopping it is a
 * real SIGTERM, starting it again a real restart. Output goes to {@code target/service-logs/<service>.log}.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private Process process;

    ServiceProcess(String name, Map<String, String> environment) {
        this(name, freePort(), environment);
    }

    /** On a port chosen before: for a service whose address another one must know before either starts. */
    ServiceProcess(String name, int port, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.environment = environment;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    void start() {
        start(Map.of());
    }

    /** Starts the service with {@code overrides} on top of its usual environment, for this run of it only. */
    void start(Map<String, String> overrides) {
        Path root = Path.of(System.getProperty("eventmart.root", ".."));
        Path jar = root.resolve(name).resolve("target").resolve(name + "-" + System.getProperty("eventmart.version")
                + ".jar");
        Path log = Path.of(System.getProperty("eventmart.logs", "target/service-logs")).resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().putAll(overrides);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            process = builder.start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot start " + name + " from " + jar, ex);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    void awaitReady() {
        Awaitility.await(name + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue()
                                + "; see target/service-logs/" + name + ".log");
                    }
                    return isReady();
                });
    }

    /** Stops the service the way an orchestrator does: SIGTERM, then wait for the graceful shutdown. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
