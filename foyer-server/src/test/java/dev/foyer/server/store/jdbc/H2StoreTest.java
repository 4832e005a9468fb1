package dev.foyer.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database, in a fresh data directory. */
class H2StoreTest extends StoreContract {
    @TempDir
    static Path dataDir;

    @Override
    protected TestDatabase createDatabase() throws Exception {
        return TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
    }

    @Test
    void expiredTokensAreFoundOverTheExpiryIndex() throws Exception {
        String plan = H2Plan.of(database(), JdbcIssuedTokenStore.EXPIRED_CHUNK
                .replace(":before", "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'"));

        assertThat(plan).contains("issued_tokens_expires_at_idx").contains("index sorted")
                .doesNotContain("tableScan");
    }
}
