package dev.eventmart.test;

import dev.eventmart.localpostgres.LocalPostgresServer;
import dev.eventmart.localpostgres.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of this test JVM's own (local-postgres: real binaries from Maven Central), on a free port
 * with its data in a temporary directory, stopped and deleted when the JVM exits. Servers left by killed test
 * JVMs are stopped and deleted by the next one.
 */
final class LocalTestPostgres {

    static final String DATABASE = "eventmart_test";

    private LocalTestPostgres() {
    }

    static TestDatabase start() {
        String user = System.getProperty("user.name");
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path servers = temp.resolve("eventmart-test-postgres-" + user);
        long pid = ProcessHandle.current().pid();
        Path directory = servers.resolve(pid + "-" + System.nanoTime());
        try {
            Files.createDirectories(servers);
            // Run as root, the server runs as another account, which must enter this directory.
            Files.setPosixFilePermissions(servers, PosixFilePermissions.fromString("rwxr-xr-x"));
            removeLeftovers(servers);
            LocalPostgresServer server = LocalPostgresServer.start(directory, freePort(),
                    temp.resolve("eventmart-postgres-binaries-" + user), ServerAccount.forThisProcess(), false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                delete(directory);
            }, "stop-test-postgres"));
            server.createDatabaseIfMissing(DATABASE);
            return new TestDatabase(server.jdbcUrl(DATABASE), LocalPostgresServer.USER, "",
                    "PostgreSQL " + server.version() + " of this test JVM (" + directory + ", "
                            + server.account() + ")");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start a local PostgreSQL server in " + directory, ex);
        }
    }

    /** Directories of test JVMs that are gone (named by their pid): stop the server they left, delete them. */
    private static void removeLeftovers(Path servers) throws IOException {
        List<Path> directories;
        try (Stream<Path> children = Files.list(servers)) {
            directories = children.toList();
        }
        for (Path directory : directories) {
            String owner = directory.getFileName().toString().split("-")[0];
            if (!owner.matches("\\d+") || ProcessHandle.of(Long.parseLong(owner)).isPresent()) {
                continue;
            }
            Path pidFile = directory.resolve("data").resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
                ProcessHandle.of(postmaster).ifPresent(LocalTestPostgres::stop);
            }
            delete(directory);
        }
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGTERM: PostgreSQL's smart shutdown, immediate here since the clients died with their JVM.
        postmaster.destroy();
        try {
            postmaster.onExit().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("A PostgreSQL server left by a killed test run (pid "
                    + postmaster.pid() + ") did not stop in 30 s", ex);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + directory, ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
