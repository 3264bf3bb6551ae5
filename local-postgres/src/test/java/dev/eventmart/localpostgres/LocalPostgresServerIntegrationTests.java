package dev.eventmart.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real server from the binaries on the classpath, as the account this process would use (run as root:
 * {@code nobody} through runuser; otherwise the current user), twice on the same data directory.
 */
class LocalPostgresServerIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void runsARealServerWhoseDataOutlivesARestart() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("server"));
        makeEnterable(temp);
        ServerAccount account = ServerAccount.forThisProcess();
        int port = freePort();

        try (LocalPostgresServer server = LocalPostgresServer.start(directory, port, temp.resolve("binaries"),
                account, true)) {
            assertThat(server.version()).startsWith("17.");
            assertThat(server.createDatabaseIfMissing("shop")).isTrue();
            assertThat(server.createDatabaseIfMissing("shop")).isFalse();
            execute(server.jdbcUrl("shop"), "create table kept (id int primary key)");
            execute(server.jdbcUrl("shop"), "insert into kept values (42)");
            assertThat(single(server.jdbcUrl("shop"), "select current_user")).isEqualTo("postgres");
            assertThat(single(server.jdbcUrl("shop"), "show fsync")).isEqualTo("on");
            if (account.switches()) {
                assertThat(Files.getOwner(directory.resolve("data")).getName()).isEqualTo("nobody");
            }
        }

        try (LocalPostgresServer again = LocalPostgresServer.start(directory, port, temp.resolve("binaries"),
                account, false)) {
            assertThat(single(again.jdbcUrl("shop"), "select id from kept")).isEqualTo("42");
            assertThat(single(again.jdbcUrl("shop"), "show fsync")).isEqualTo("off");
        }
    }

    private static void makeEnterable(Path directory) throws IOException {
        // @TempDir is closed to other users; the server's account must reach the directory inside it.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgresServer.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgresServer.USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
