package dev.foyer.server.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** H2's plan for a statement: its answer to EXPLAIN, naming each index it reads, or {@code tableScan}. */
final class H2Plan {
    private H2Plan() {}

    static String of(TestDatabase database, String sql) throws SQLException {
        try (HikariDataSource dataSource = DataSources.open(database.config());
                Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
