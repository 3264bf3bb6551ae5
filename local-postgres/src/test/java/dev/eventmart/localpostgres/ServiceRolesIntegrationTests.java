package dev.eventmart.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eventmart-service-roles.sql run over JDBC ({@link ServiceRoles}) on the embedded server, as the local run and the
 * tests run it: each service's role works in its own schema and is refused everywhere else.
 */
class ServiceRolesIntegrationTests {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @TempDir
    static Path temp;

    private static LocalPostgresServer server;

    @BeforeAll
    static void startServer() throws IOException, SQLException {
        // @TempDir is closed to other users; run as root, the server's account must reach the directory inside it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = LocalPostgresServer.start(Files.createDirectories(temp.resolve("server")), freePort(),
                temp.resolve("binaries"), ServerAccount.forThisProcess(), false);
        server.createDatabaseIfMissing("shop");
        ServiceRoles.apply(server.jdbcUrl("shop"), LocalPostgresServer.USER, "");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void definesOneRolePerServiceOwningOneSchema() {
        assertThat(ServiceRoles.all()).extracting(ServiceRoles.ServiceRole::application).containsExactly(
                "order-service", "inventory-service", "payment-service", "notification-service", "analytics-service");
        assertThat(ServiceRoles.of("order-service")).isEqualTo(new ServiceRoles.ServiceRole("order-service",
                "order_service", "orders", "order-service-demo"));
        assertThat(ServiceRoles.all()).extracting(ServiceRoles.ServiceRole::schema).doesNotHaveDuplicates();
    }

    @Test
    void orderServiceCannotReadPaymentsNorCreateOutsideItsSchema() throws SQLException {
        try (Connection payment = connectAs("payment-service"); Statement sql = payment.createStatement()) {
            sql.execute("create table if not exists payment (order_id int primary key, amount numeric)");
            sql.execute("insert into payments.payment values (1, 42.00) on conflict do nothing");
        }
        try (Connection order = connectAs("order-service"); Statement sql = order.createStatement()) {
            assertThat(single(sql, "select current_user")).isEqualTo("order_service");
            assertThat(single(sql, "select current_schema()")).isEqualTo("orders");
            assertRefused(sql, "select * from payments.payment");
            assertRefused(sql, "update payments.payment set amount = 0");
            assertRefused(sql, "create table payments.intruder (id int)");
            assertRefused(sql, "create table public.intruder (id int)");
            assertRefused(sql, "create schema intruder");
            assertRefused(sql, "create role intruder");
            sql.execute("create table if not exists orders.customer_order (id int primary key)");
            sql.execute("insert into customer_order values (1) on conflict do nothing");
            assertThat(single(sql, "select count(*) from orders.customer_order")).isEqualTo("1");
        }
    }

    /** The local run's data kept from before the services had roles: Flyway had made their tables as postgres. */
    @Test
    void handsTablesTheSuperuserMadeInAServicesSchemaToItsRole() throws SQLException {
        server.createDatabaseIfMissing("kept");
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("kept"), LocalPostgresServer.USER, "");
                Statement sql = admin.createStatement()) {
            sql.execute("create schema if not exists orders");
            sql.execute("create table if not exists orders.customer_order (id bigserial primary key, note text)");
            sql.execute("insert into orders.customer_order (note) values ('placed before the roles')");
        }
        ServiceRoles.apply(server.jdbcUrl("kept"), LocalPostgresServer.USER, "");
        try (Connection order = DriverManager.getConnection(server.jdbcUrl("kept"), "order_service",
                "order-service-demo"); Statement sql = order.createStatement()) {
            sql.execute("insert into customer_order (note) values ('placed as order_service')");
            assertThat(single(sql, "select count(*) from customer_order")).isEqualTo("2");
            sql.execute("alter table customer_order add column if not exists status text");
        }
    }

    @Test
    void runsAgainAndConcurrentlyOnOtherDatabasesOfTheServer() throws Exception {
        List<String> databases = List.of("shop_a", "shop_b", "shop_c");
        databases.forEach(server::createDatabaseIfMissing);
        try (ExecutorService threads = Executors.newFixedThreadPool(databases.size())) {
            for (int round = 0; round < 3; round++) {
                CompletableFuture.allOf(databases.stream().map(database -> CompletableFuture.runAsync(() -> {
                    try {
                        ServiceRoles.apply(server.jdbcUrl(database), LocalPostgresServer.USER, "");
                    }
                    catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                }, threads)).toArray(CompletableFuture[]::new)).get();
            }
        }
        for (String database : databases) {
            try (Connection order = DriverManager.getConnection(server.jdbcUrl(database), "order_service",
                    "order-service-demo"); Statement sql = order.createStatement()) {
                assertThat(single(sql, "select current_schema()")).isEqualTo("orders");
                assertThat(single(sql, "select nspowner::regrole::text from pg_namespace where nspname = 'orders'"))
                        .isEqualTo("order_service");
            }
        }
    }

    private static Connection connectAs(String application) throws SQLException {
        ServiceRoles.ServiceRole role = ServiceRoles.of(application);
        return DriverManager.getConnection(server.jdbcUrl("shop"), role.role(), role.password());
    }

    private static void assertRefused(Statement sql, String statement) {
        assertThatExceptionOfType(SQLException.class).as(statement).isThrownBy(() -> sql.execute(statement))
                .satisfies(ex -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
