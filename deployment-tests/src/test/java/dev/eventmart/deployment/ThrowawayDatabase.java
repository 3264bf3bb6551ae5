package dev.eventmart.deployment;

import dev.eventmart.test.TestDatabase;
import dev.eventmart.test.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own on a real PostgreSQL server (the one DB_URL, DB_USERNAME, DB_PASSWORD name, whose user must
 * be allowed to create databases and roles; else the test JVM's own server from test-support), and a role
 * suffix of its own, so scripts that create cluster-wide roles never touch a real setup or another test run.
 * {@link #close()} drops the database and the roles; leftovers of killed runs are dropped after six hours.
 */
final class ThrowawayDatabase implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]*)(\\?.*)?");
    /** The same prefix as test-support's databases, whose clean-up also drops ours. */
    private static final String PREFIX = "eventmart_test_";
    private static final Pattern TEST_ROLE = Pattern.compile("[a-z]+_service_test_(\\d+)_[0-9a-f]{4}");
    private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

    private final String host;
    private final String port;
    private final String username;
    private final String password;
    private final String name;
    private final String roleSuffix;
    private final List<String> roles = new ArrayList<>();

    private ThrowawayDatabase(String host, String port, String username, String password, String id) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.name = PREFIX + id;
        this.roleSuffix = "_test_" + id;
    }

    static ThrowawayDatabase create() {
        String serverUrl = env("DB_URL", null);
        String username = env("DB_USERNAME", "postgres");
        String password = env("DB_PASSWORD", "");
        if (serverUrl == null) {
            TestDatabase own = TestInfrastructure.database();
            serverUrl = own.url();
            username = own.username();
            password = own.password();
        }
        Matcher url = JDBC_URL.matcher(serverUrl);
        if (!url.matches()) {
            throw new IllegalStateException("DB_URL must look like jdbc:postgresql://host:port/database, was "
                    + serverUrl);
        }
        String id = Instant.now().getEpochSecond() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        ThrowawayDatabase database = new ThrowawayDatabase(url.group(1), url.group(2) == null ? "5432" : url.group(2),
                username, password, id);
        try (Connection admin = database.connectAsAdmin("postgres"); Statement sql = admin.createStatement()) {
            dropAbandonedRoles(sql);
            sql.execute("create database " + database.name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + database.host + ":" + database.port
                    + " as " + database.username + " (" + ex.getMessage() + "). Start the server DB_URL names, "
                    + "or unset DB_URL/DB_USERNAME/DB_PASSWORD to use a server of the test JVM's own.", ex);
        }
        return database;
    }

    /** The name under which a script run with the setting {@code eventmart.role_suffix} creates {@code role}. */
    String role(String role) {
        String suffixed = role + roleSuffix;
        if (!roles.contains(suffixed)) {
            roles.add(suffixed);
        }
        return suffixed;
    }

    String roleSuffix() {
        return roleSuffix;
    }

    Connection connectAsAdmin() throws SQLException {
        return connectAsAdmin(name);
    }

    Connection connectAs(String role, String rolePassword) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(name), role, rolePassword);
    }

    /**
     * Runs a script with psql as the admin user, the way the postgres image runs its init scripts
     * ({@code psql -v ON_ERROR_STOP=1 --no-psqlrc}), with the setting {@code eventmart.role_suffix} (PGOPTIONS).
     */
    String psql(Path script) {
        ProcessBuilder command = new ProcessBuilder("psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-h", host,
                "-p", port, "-U", username, "-d", name, "-f", script.toString()).redirectErrorStream(true);
        command.environment().put("PGPASSWORD", password);
        command.environment().put("PGOPTIONS", "-c eventmart.role_suffix=" + roleSuffix);
        command.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Process psql = command.start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!psql.waitFor(60, TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException("psql -f " + script + " failed:\n" + output);
            }
            return output;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("psql is needed to run " + script
                    + " (Debian: apt-get install postgresql-client)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connectAsAdmin("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            for (String role : roles) {
                sql.execute("drop role if exists " + role);
            }
        }
    }

    private Connection connectAsAdmin(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username, password);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Roles of runs killed before their clean-up, with the databases that still hold their schemas. */
    private static void dropAbandonedRoles(Statement sql) throws SQLException {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (var rows = sql.executeQuery("select rolname from pg_roles where rolname like '%\\_service\\_test\\_%'")) {
            while (rows.next()) {
                Matcher role = TEST_ROLE.matcher(rows.getString(1));
                if (role.matches() && Long.parseLong(role.group(1)) < cutoff) {
                    abandoned.add(role.group());
                }
            }
        }
        for (String role : abandoned) {
            String database = PREFIX + role.substring(role.indexOf("_test_") + "_test_".length());
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("drop role if exists " + role);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
