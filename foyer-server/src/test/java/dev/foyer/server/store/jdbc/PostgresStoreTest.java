package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;

/** The store contract on PostgreSQL, in a fresh schema; fails (never skips) when PostgreSQL is down. */
class PostgresStoreTest extends StoreContract {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.freshPostgres();
    }
}
