package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2OutboxStoreTest extends OutboxStoreContract {
    @TempDir
    static Path dataDir;

    @Override
    protected TestDatabase createDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
    }

    /** H2 answers EXPLAIN with its plan, naming the index it reads or {@code tableScan}. */
    @Test
    void aPruneReadsTheApplicationIndexNotTheWholeOutbox() throws Exception {
        try (HikariDataSource dataSource = DataSources.open(database().config());
                Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            String next = plan(st, JdbcWebhookStore.NEXT_APP.replace(":after", "''"));
            String prune = plan(st, JdbcWebhookStore.PRUNE_APP.replace(":appId", "'app_x'")
                    .replace(":cutoff", "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'")
                    .replace(":pending", "'pending'"));
            assertThat(next).contains("webhook_events_app_idx").contains("index sorted").doesNotContain("tableScan");
            assertThat(prune).contains("webhook_events_app_idx").doesNotContain("tableScan");
        }
    }

    private static String plan(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    protected String positionCacheQuery() {
        return "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE LOWER(TABLE_NAME) = 'webhook_events' AND LOWER(COLUMN_NAME) = 'position'";
    }
}
