package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;

/** The live store contract on PostgreSQL, in a fresh schema; fails (never skips) when PostgreSQL is down. */
class PostgresLiveStoreTest extends LiveStoreContract {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.freshPostgres();
    }
}
