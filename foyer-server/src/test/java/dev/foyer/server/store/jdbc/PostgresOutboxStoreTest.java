package dev.foyer.server.store.jdbc;

import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;

/** Fails (never skips) when PostgreSQL is down. */
class PostgresOutboxStoreTest extends OutboxStoreContract {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.freshPostgres();
    }

    @Override
    protected String positionCacheQuery() {
        return "SELECT cache_size FROM pg_sequences "
                + "WHERE schemaname || '.' || sequencename = pg_get_serial_sequence('webhook_events', 'position')";
    }
}
