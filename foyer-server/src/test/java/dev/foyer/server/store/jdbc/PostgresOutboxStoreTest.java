package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;

/** Fails (never skips) when PostgreSQL is down. */
class PostgresOutboxStoreTest extends OutboxStoreContract {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.freshPostgres();
    }
}
