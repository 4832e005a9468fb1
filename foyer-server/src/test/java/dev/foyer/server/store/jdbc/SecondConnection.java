package dev.foyer.server.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Stores on a fresh embedded database, and a second connection to the same file: the database as
 * another process changes it, behind the stores' back. Tests of what the stores remember use it to
 * tell an answer from memory from one read again.
 */
final class SecondConnection implements AutoCloseable {
    private final TestDatabase database = TestDatabases.temporaryH2();
    private final JdbcStores stores = JdbcStores.open(database.config());
    private final HikariDataSource other = DataSources.open(database.config());

    JdbcStores stores() {
        return stores;
    }

    /** Runs {@code sql}, its parameters {@code args}, on the second connection; returns the rows it changed. */
    int update(String sql, String... args) throws SQLException {
        try (Connection c = other.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    @Override
    public void close() {
        other.close();
        stores.close();
        database.close();
    }
}
