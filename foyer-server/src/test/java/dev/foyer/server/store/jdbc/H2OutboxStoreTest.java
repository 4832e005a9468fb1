package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2OutboxStoreTest extends OutboxStoreContract {
    @TempDir
    static Path dataDir;

    @Override
    protected TestDatabase createDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
    }

    @Override
    protected String positionCacheQuery() {
        return "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE LOWER(TABLE_NAME) = 'webhook_events' AND LOWER(COLUMN_NAME) = 'position'";
    }
}
