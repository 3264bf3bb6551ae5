package dev.eventmart.test;

import dev.eventmart.localpostgres.ServiceRoles;
import dev.eventmart.localpostgres.ServiceRoles.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database of one test JVM, on a real PostgreSQL server ({@link TestInfrastructure} picks which). Tests never
 * share state with each other's runs or with a running local stack. On a server {@code DB_URL} names, it is a
 * database of its own, dropped when the JVM exits; databases left behind by killed runs are dropped after a while.
 *
 * <p>It holds every service's role and schema (local-postgres's {@link ServiceRoles}, the definitions compose and
 * the local run use too): a service under test logs in as its own role ({@link #login(String)}), which owns its
 * schema and can reach nothing else. {@link #url()}, {@link #username()} and {@link #password()} are the admin's,
 * for a test's own setup and checks across schemas.
 */
public final class TestDatabase {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final String PREFIX = "eventmart_test_";
    private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

    private final String url;
    private final String username;
    private final String password;
    private final String description;

    TestDatabase(String url, String username, String password, String description) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    /** The database's URL, for the admin and the services alike. */
    public String url() {
        return url;
    }

    /** The admin of the server (superuser): for a test's setup and checks, never a service's login. */
    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** How the service whose {@code spring.application.name} is {@code application} logs in: as its own role. */
    public Login login(String application) {
        ServiceRole role = ServiceRoles.of(application);
        return new Login(url, role.role(), role.password(), role.schema());
    }

    /** A service's login to this database: its role, which owns {@code schema} and nothing else. */
    public record Login(String url, String username, String password, String schema) {
    }

    /**
     * Creates the services' roles if missing and gives each its schema in this database; safe while other test
     * JVMs do the same on the same server.
     */
    void createServiceRoles() {
        try {
            ServiceRoles.apply(url, username, password);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create the services' roles in " + description + " as "
                    + username + " (" + ex.getMessage() + "). With DB_URL, DB_USERNAME must be an admin of the "
                    + "server, allowed to create databases and roles.", ex);
        }
    }

    /** Which server this is, for the test log. */
    @Override
    public String toString() {
        return description;
    }

    /** A database of its own on the server {@code DB_URL} names, as {@code DB_USERNAME}. */
    static TestDatabase onServer(String serverUrl, String username, String password) {
        Matcher matcher = JDBC_URL.matcher(serverUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException("DB_URL must look like jdbc:postgresql://host:port/database, was "
                    + serverUrl);
        }
        String query = matcher.group(3) == null ? "" : matcher.group(3);
        String adminUrl = matcher.group(1) + "postgres" + query;
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
                Statement sql = admin.createStatement()) {
            dropAbandoned(sql);
            sql.execute("create database " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + adminUrl + " (" + ex.getMessage()
                    + "). Start the server DB_URL names, or unset DB_URL/DB_USERNAME/DB_PASSWORD to let the tests "
                    + "run a PostgreSQL server of their own.", ex);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, username, password, name),
                "drop-" + name));
        return new TestDatabase(matcher.group(1) + name + query, username, password,
                "database " + name + " on " + serverUrl + " (DB_URL)");
    }

    private static void dropAbandoned(Statement sql) throws SQLException {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (var rows = sql.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    abandoned.add(name);
                }
            }
        }
        for (String name : abandoned) {
            sql.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static void drop(String adminUrl, String username, String password, String name) {
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        }
        catch (SQLException ex) {
            System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
        }
    }
}
