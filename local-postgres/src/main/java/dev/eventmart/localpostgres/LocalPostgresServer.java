package dev.eventmart.localpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL server run from the binaries on the classpath ({@link PostgresBinaries}), with its data in
 * {@code <directory>/data} and its log in {@code <directory>/postgres.log}, listening on localhost only (TCP,
 * no Unix socket), user {@code postgres} with trust authentication. The first start creates the cluster; later
 * starts reuse it. Started and stopped with {@code pg_ctl}, under the {@link ServerAccount} of this process.
 */
public final class LocalPostgresServer implements AutoCloseable {

    /** The superuser {@code initdb} creates; no password (trust authentication, localhost only). */
    public static final String USER = "postgres";

    private final Path directory;
    private final Path bin;
    private final int port;
    private final ServerAccount account;
    private String version;

    private LocalPostgresServer(Path directory, Path bin, int port, ServerAccount account) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
        this.account = account;
    }

    /**
     * Starts a server on {@code port} with its data in {@code directory}, unpacking the binaries into
     * {@code binaries} if they are not there yet.
     *
     * @param durable false for throwaway test servers: no fsync, no full-page writes (a crash loses the data,
     *     which a test run drops anyway)
     */
    public static LocalPostgresServer start(Path directory, int port, Path binaries, ServerAccount account,
            boolean durable) throws IOException {
        Path bin = PostgresBinaries.unpack(binaries);
        Files.createDirectories(directory);
        account.own(directory);
        LocalPostgresServer server = new LocalPostgresServer(directory.toAbsolutePath(), bin, port, account);
        server.initializeIfNew();
        server.stopLeftover();
        server.pgCtl("start", "-l", server.directory.resolve("postgres.log").toString(), "-t", "120",
                "-o", server.serverOptions(durable));
        server.version = server.query("postgres", "show server_version");
        return server;
    }

    public int port() {
        return port;
    }

    /** The server's version, e.g. {@code 17.6}. */
    public String version() {
        return version;
    }

    public Path directory() {
        return directory;
    }

    public ServerAccount account() {
        return account;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists; answers whether it created it. */
    public boolean createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database names here are lower-case identifiers, was " + database);
        }
        String exists = query("postgres", "select count(*) from pg_database where datname = '" + database + "'");
        if (!exists.equals("0")) {
            return false;
        }
        query("postgres", "create database " + database);
        return true;
    }

    /** Stops the server (fast shutdown: open sessions are ended, the data is flushed). */
    @Override
    public void close() {
        pgCtl("stop", "-m", "fast", "-t", "60");
    }

    private void initializeIfNew() {
        if (Files.exists(directory.resolve("data").resolve("PG_VERSION"))) {
            return;
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"));
    }

    /** A server a killed launcher left running on this data directory would refuse our start: stop it first. */
    private void stopLeftover() {
        if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))
                && exitCode(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                        "status")) == 0) {
            pgCtl("stop", "-m", "fast", "-t", "60");
        }
    }

    private String serverOptions(boolean durable) {
        // pg_ctl hands these to postgres through a shell: '' is an empty value (no Unix socket, TCP only).
        String options = "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                + " -c max_connections=200";
        return durable ? options : options + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "-D",
                directory.resolve("data").toString(), "-w"));
        command.addAll(List.of(options));
        run(command);
    }

    private String query(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, "");
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return "";
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getString(1);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL on localhost:" + port + " refused '" + sql + "': "
                    + ex.getMessage(), ex);
        }
    }

    private void run(List<String> command) {
        Result result = execute(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", account.command(command)) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output().strip());
        }
    }

    private int exitCode(List<String> command) {
        return execute(command).exitCode();
    }

    private Result execute(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(account.command(command)).redirectErrorStream(true)
                .directory(directory.toFile());
        // The binaries' messages in English whatever this machine's locale, and no warnings about locales the
        // account does not have.
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 180 s");
            }
            return new Result(process.exitValue(), output);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run " + String.join(" ", builder.command()) + ": "
                    + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
