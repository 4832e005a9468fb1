package dev.foyer.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2OutboxStoreTest extends OutboxStoreContract {
    @TempDir
    static Path dataDir;

    @Override
    protected TestDatabase createDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
    }

    @Test
    void aPruneReadsTheApplicationIndexNotTheWholeOutbox() throws Exception {
        String next = H2Plan.of(database(), JdbcWebhookStore.NEXT_APP.replace(":after", "''"));
        String prune = H2Plan.of(database(), JdbcWebhookStore.PRUNE_APP.replace(":appId", "'app_x'")
                .replace(":cutoff", "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'")
                .replace(":pending", "'pending'"));

        assertThat(next).contains("webhook_events_app_idx").contains("index sorted").doesNotContain("tableScan");
        assertThat(prune).contains("webhook_events_app_idx").doesNotContain("tableScan");
    }

    @Override
    protected String positionCacheQuery() {
        return "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE LOWER(TABLE_NAME) = 'webhook_events' AND LOWER(COLUMN_NAME) = 'position'";
    }
}
