package dev.foyer.server.store.jdbc;

import dev.foyer.server.app.Application;
import dev.foyer.server.testing.TestDatabases;
import java.nio.file.Path;

/**
 * The child process of {@link H2DurabilityTest}: opens the H2 database in {@code args[0]}, commits
 * one application, reports {@code COMMITTED <id>} on stdout, then waits to be killed. It exits by
 * itself after a minute so that a failed test leaves no process behind.
 */
public final class CommitThenHang {
    static final String COMMITTED = "COMMITTED ";

    private CommitThenHang() {}

    public static void main(String[] args) throws InterruptedException {
        JdbcStores stores = JdbcStores.open(TestDatabases.freshH2(Path.of(args[0])).config());
        Application application = StoreFixtures.application();
        stores.applications().insert(application);
        System.out.println(COMMITTED + application.id());
        System.out.flush();
        Thread.sleep(60_000);
        System.exit(2);
    }
}
