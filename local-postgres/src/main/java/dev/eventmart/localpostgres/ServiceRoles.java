package dev.eventmart.localpostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database role of every service, defined once in {@code eventmart-service-roles.sql} (on the classpath; the
 * file says where else it runs): one login role per service that owns exactly one schema. {@link #apply} runs the
 * file over JDBC, where no psql is at hand (local-postgres, the tests); {@link #all()} reads its rows, so the
 * launchers can log each service in as its role.
 */
public final class ServiceRoles {

    /** The classpath resource, also mounted into compose's postgres container and run by the scripts with psql. */
    public static final String RESOURCE = "eventmart-service-roles.sql";

    /** A row of the file's VALUES list: {@code ('order-service', 'order_service', 'orders', 'order-service-demo'),}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*\\('([a-z-]+)',\\s*'([a-z_]+)',\\s*'([a-z_]+)',\\s*'([^']+)'\\),?\\s*$", Pattern.MULTILINE);

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final String LOCK = "eventmart-service-roles";

    private static final String SCRIPT = load();
    private static final List<ServiceRole> ALL = parse(SCRIPT);

    private ServiceRoles() {
    }

    /** One service's login: the role it connects as, the schema the role owns, and its (demo) password. */
    public record ServiceRole(String application, String role, String schema, String password) {
    }

    /** Every service's role, in the file's order. */
    public static List<ServiceRole> all() {
        return ALL;
    }

    /** The role of the service whose {@code spring.application.name} is {@code application}. */
    public static ServiceRole of(String application) {
        return ALL.stream().filter(role -> role.application().equals(application)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No database role for '" + application + "' in "
                        + RESOURCE + "; it defines " + ALL.stream().map(ServiceRole::application).toList()));
    }

    /**
     * Runs the file in the database {@code admin} is connected to, as that connection's user (an admin of the
     * server): creates the roles that are missing, sets their passwords, gives each its schema there.
     */
    public static void apply(Connection admin) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute(SCRIPT);
        }
    }

    /**
     * {@link #apply(Connection)} on the database {@code jdbcUrl} names, safe while other processes do the same on
     * other databases of the server (test JVMs sharing a server DB_URL names). Roles are cluster-wide, and two
     * sessions that alter one role at once fail ("tuple concurrently updated"); an advisory lock serializes them.
     * Advisory locks are per database, so it is taken in the server's maintenance database {@code postgres}, which
     * every run can reach.
     */
    public static void apply(String jdbcUrl, String adminUser, String adminPassword) throws SQLException {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host:port/database URL: " + jdbcUrl);
        }
        String maintenanceUrl = url.group(1) + "postgres" + (url.group(3) == null ? "" : url.group(3));
        try (Connection lock = DriverManager.getConnection(maintenanceUrl, adminUser, adminPassword);
                Statement locking = lock.createStatement();
                Connection admin = DriverManager.getConnection(jdbcUrl, adminUser, adminPassword)) {
            locking.execute("select pg_advisory_lock(hashtext('" + LOCK + "'))");
            apply(admin);
            // Closing the session releases the lock.
        }
    }

    static List<ServiceRole> parse(String script) {
        List<ServiceRole> roles = new ArrayList<>();
        Matcher row = ROW.matcher(script);
        while (row.find()) {
            roles.add(new ServiceRole(row.group(1), row.group(2), row.group(3), row.group(4)));
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " defines no service roles in the form ServiceRoles reads");
        }
        return List.copyOf(roles);
    }

    private static String load() {
        try (InputStream in = ServiceRoles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + RESOURCE, ex);
        }
    }
}
