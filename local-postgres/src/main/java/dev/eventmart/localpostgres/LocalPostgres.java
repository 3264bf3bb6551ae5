package dev.eventmart.localpostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs one PostgreSQL server for the local stack and the benchmarks (scripts/run-local.sh, scripts/bench.sh),
 * so they need no installed server: data in a local directory kept between runs, the databases named on the
 * command line created if missing, each with the services' roles and schemas ({@link ServiceRoles}: the services
 * connect as their own roles, never as the superuser). Prints one line starting with {@code PostgreSQL ready} once it accepts
 * connections, and stops the server on SIGTERM/SIGINT.
 *
 * <p>Arguments: {@code <directory> <port> [database...]}; the binaries are unpacked into
 * {@code <directory>/../postgres-binaries}.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, SQLException {
        if (args.length < 2) {
            System.err.println("usage: LocalPostgres <directory> <port> [database...]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        List<String> databases = Arrays.asList(args).subList(2, args.length);

        ServerAccount account = ServerAccount.forThisProcess();
        LocalPostgresServer server = LocalPostgresServer.start(directory, port,
                directory.resolveSibling("postgres-binaries"), account, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "local-postgres-stop"));
        for (String database : databases) {
            if (server.createDatabaseIfMissing(database)) {
                System.out.println("Created database " + database);
            }
            ServiceRoles.apply(server.jdbcUrl(database), LocalPostgresServer.USER, "");
            System.out.println("Service roles in database " + database + ": " + ServiceRoles.all().stream()
                    .map(role -> role.role() + " owns " + role.schema()).collect(Collectors.joining(", ")));
        }
        System.out.println("PostgreSQL ready: " + server.version() + " on localhost:" + port + ", data in "
                + directory + ", run as " + account);
        stopped.await();
    }
}
