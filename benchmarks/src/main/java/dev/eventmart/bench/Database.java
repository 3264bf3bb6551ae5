package dev.eventmart.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The saga benchmark's one JDBC connection. Every statement runs through here and is counted, because each is an
 * autocommitted transaction of this generator in the same database: {@link #commitsByOthers()} subtracts them, so
 * "DB commits per order" counts the services' transactions only, however often the generator polls.
 */
final class Database implements AutoCloseable {

    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private long ownTransactions;

    Database(Options options) throws SQLException {
        this.connection = DriverManager.getConnection(options.required("db-url"), options.string("db-user", "postgres"),
                options.string("db-password", ""));
    }

    /** A single {@code count(*)}-like number; {@code orders} (if not null) is bound to the one {@code ?}. */
    synchronized long count(String sql, List<UUID> orders) throws SQLException {
        return query(sql, orders, row -> row.getLong(1)).getFirst();
    }

    synchronized long count(String sql) throws SQLException {
        return count(sql, null);
    }

    /** Every row of a query, mapped; {@code orders} (if not null) is bound to the one {@code ?} as a uuid array. */
    synchronized <T> List<T> query(String sql, List<UUID> orders, Row<T> mapper) throws SQLException {
        return query(sql, orders, mapper, null);
    }

    private <T> List<T> query(String sql, List<UUID> orders, Row<T> mapper, String text) throws SQLException {
        ownTransactions++;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (orders != null) {
                query.setArray(1, uuids(orders));
            }
            if (text != null) {
                query.setString(1, text);
            }
            try (ResultSet rows = query.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    /** The server's setting {@code name}, as {@code show} prints it. */
    synchronized String setting(String name) throws SQLException {
        return query("select current_setting(?)", null, row -> row.getString(1), name).getFirst();
    }

    /**
     * Runs a statement outside any transaction (autocommit), such as {@code vacuum}. PostgreSQL counts what it
     * commits under this generator's name in no way we can subtract exactly: run it only outside measured windows.
     */
    synchronized void execute(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    /**
     * Transactions committed in this database so far by everyone but this generator. PostgreSQL backends report
     * their commits to {@code pg_stat_database} at most once a second: wait a second after the work to be counted.
     */
    synchronized long commitsByOthers() throws SQLException {
        long total = count("select xact_commit from pg_stat_database where datname = current_database()");
        return total - ownTransactions;
    }

    private Array uuids(List<UUID> orders) throws SQLException {
        synchronized (orders) {
            return connection.createArrayOf("uuid", orders.toArray());
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
