package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services' roles (local-postgres's eventmart-service-roles.sql, which compose mounts as the postgres image's
 * init script) against the real PostgreSQL, with the roles and passwords docker-compose.yml gives the services. It
 * runs through psql exactly as the postgres image runs it (the tests and the local run run it over JDBC), in a
 * throwaway database and with a unique role suffix (roles are cluster-wide); both are dropped afterwards.
 */
class DatabaseInitScriptIntegrationTests {

    private static final Path INIT_SCRIPT = Repository.file(
            "local-postgres/src/main/resources/eventmart-service-roles.sql");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final ComposeFile COMPOSE = Repository.compose();

    private static ThrowawayDatabase database;

    @BeforeAll
    static void runTheInitScript() throws SQLException {
        database = ThrowawayDatabase.create();
        services().forEach(service -> database.role(roleOf(service)));
        database.psql(INIT_SCRIPT);
        for (String service : services().toList()) {
            try (Connection connection = connectAs(service); Statement sql = connection.createStatement()) {
                sql.execute("create table " + schemaOf(service) + ".owned_by_the_service (id int primary key)");
            }
        }
    }

    @AfterAll
    static void dropTheDatabaseAndRoles() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    static Stream<String> services() {
        return Repository.eventDrivenServices(COMPOSE).stream();
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceCreatesAndUsesTablesInItsOwnSchema(String service) throws SQLException {
        try (Connection connection = connectAs(service); Statement sql = connection.createStatement()) {
            assertThat(single(sql, "select current_schema()")).isEqualTo(schemaOf(service));
            sql.execute("create table probe (id int primary key, note text)");
            sql.execute("insert into probe values (1, 'written by " + service + "')");
            sql.execute("update probe set note = 'updated' where id = 1");
            assertThat(single(sql, "select note from " + schemaOf(service) + ".probe")).isEqualTo("updated");
            sql.execute("drop table probe");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceIsRefusedOnTheOtherServicesSchemas(String service) throws SQLException {
        try (Connection connection = connectAs(service); Statement sql = connection.createStatement()) {
            for (String other : services().filter(other -> !other.equals(service)).toList()) {
                String schema = schemaOf(other);
                assertRefused(sql, "create table " + schema + ".intruder (id int)");
                assertRefused(sql, "select * from " + schema + ".owned_by_the_service");
                assertRefused(sql, "insert into " + schema + ".owned_by_the_service values (42)");
            }
            assertRefused(sql, "create table public.intruder (id int)");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceRoleHasNoPowersBeyondItsSchema(String service) throws SQLException {
        try (Connection admin = database.connectAsAdmin(); Statement sql = admin.createStatement();
                ResultSet role = sql.executeQuery("select rolsuper, rolcreatedb, rolcreaterole, rolreplication, "
                        + "rolcanlogin from pg_roles where rolname = '" + database.role(roleOf(service)) + "'")) {
            assertThat(role.next()).isTrue();
            assertThat(new boolean[] { role.getBoolean(1), role.getBoolean(2), role.getBoolean(3), role.getBoolean(4) })
                    .as("superuser, create db, create role, replication").containsOnly(false);
            assertThat(role.getBoolean(5)).as("can log in").isTrue();
        }
    }

    /** On a server that trusts local connections a login proves nothing, so the stored password is checked. */
    @ParameterizedTest
    @MethodSource("services")
    void eachServiceLogsInWithThePasswordComposeGivesIt(String service) throws Exception {
        String role = database.role(roleOf(service));
        try (Connection admin = database.connectAsAdmin(); Statement sql = admin.createStatement()) {
            String stored = single(sql, "select rolpassword from pg_authid where rolname = '" + role + "'");
            assertThat(stored).as(role + " has a password").isNotNull();
            assertThat(passwordMatches(stored, role, passwordOf(service)))
                    .as("the password of " + role + " is the DB_PASSWORD docker-compose.yml gives " + service)
                    .isTrue();
        }
    }

    @Test
    void runningTheScriptAgainKeepsEverythingInPlace() throws SQLException {
        database.psql(INIT_SCRIPT);
        try (Connection admin = database.connectAsAdmin(); Statement sql = admin.createStatement()) {
            for (String service : services().toList()) {
                String schema = schemaOf(service);
                assertThat(single(sql, "select nspowner::regrole::text from pg_namespace where nspname = '" + schema
                        + "'")).isEqualTo(database.role(roleOf(service)));
                assertThat(single(sql, "select count(*) from " + schema + ".owned_by_the_service")).isEqualTo("0");
            }
        }
    }

    private static Connection connectAs(String service) throws SQLException {
        return database.connectAs(database.role(roleOf(service)), passwordOf(service));
    }

    private static String roleOf(String service) {
        return COMPOSE.environment(service).get("DB_USERNAME");
    }

    private static String passwordOf(String service) {
        return COMPOSE.environment(service).get("DB_PASSWORD");
    }

    @SuppressWarnings("unchecked")
    private static String schemaOf(String service) {
        Map<String, Object> eventmart = (Map<String, Object>) Repository.applicationConfig(service).get("eventmart");
        return eventmart.get("schema").toString();
    }

    private static void assertRefused(Statement sql, String statement) {
        assertThatExceptionOfType(SQLException.class).as(statement).isThrownBy(() -> sql.execute(statement))
                .satisfies(ex -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE))
                .withMessageContaining("permission denied");
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }

    /** PostgreSQL's stored forms: {@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey} or {@code md5...}. */
    private static boolean passwordMatches(String stored, String role, String password)
            throws GeneralSecurityException {
        if (stored.startsWith("md5")) {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((password + role).getBytes(StandardCharsets.UTF_8));
            return stored.equals("md5" + HexFormat.of().formatHex(md5));
        }
        Matcher scram = Pattern.compile("SCRAM-SHA-256\\$(\\d+):([^$]+)\\$([^:]+):(.+)").matcher(stored);
        assertThat(scram.matches()).as("a SCRAM-SHA-256 or md5 password").isTrue();
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(scram.group(2)),
                        Integer.parseInt(scram.group(1)), 256))
                .getEncoded();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] storedKey = MessageDigest.getInstance("SHA-256")
                .digest(hmac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8)));
        return Base64.getEncoder().encodeToString(storedKey).equals(scram.group(3));
    }
}
