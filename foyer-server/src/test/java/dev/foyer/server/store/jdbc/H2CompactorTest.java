package dev.foyer.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.TestDatabases;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file under many small commits, as Foyer writes it ({@code WRITE_DELAY=0}): without
 * compaction most of it is dead chunks; a few passes of {@link H2Compactor} make the live share
 * reach the target again, and nothing is lost.
 */
class H2CompactorTest {
    private static final int COMMITS = 3_000;

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;
    private Connection holder;

    @BeforeEach
    void open() throws SQLException {
        dataSource = new JdbcDataSource();
        // RETENTION_TIME=0: chunks may be reused at once, not after 45 s, so that the test need not wait.
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + DataSources.H2_SETTINGS + ";RETENTION_TIME=0");
        dataSource.setUser("sa");
        holder = dataSource.getConnection(); // keeps the database open between the test's connections
        try (Statement s = holder.createStatement()) {
            s.execute("CREATE TABLE events (id VARCHAR(64) PRIMARY KEY, meeting VARCHAR(64), body VARCHAR(512))");
            s.execute("CREATE INDEX events_meeting ON events (meeting)");
            s.execute("CREATE TABLE counters (name VARCHAR(16) PRIMARY KEY, n BIGINT)");
            s.execute("INSERT INTO counters VALUES ('joins', 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        holder.close();
    }

    @Test
    void passesBringTheLiveShareOfTheFileBackToTheTarget() throws Exception {
        H2Compactor compactor = new H2Compactor(dataSource);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        compactor.bindMetrics(registry);
        commitOneByOne(COMMITS);
        assertThat(compactor.chunksFillPercent()).as("live share before compaction (what H2 leaves alone)")
                .isLessThan(H2Compactor.TARGET_FILL_PERCENT);

        int passes = 0;
        while (compactor.pass() && passes < 1_000) {
            passes++;
        }

        assertThat(passes).isPositive();
        Timer timed = registry.get("foyer.h2.compaction").timer();
        assertThat(timed.count()).as("every pass that rewrote, and only those, timed").isEqualTo(passes);
        assertThat(timed.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(compactor.chunksFillPercent()).isGreaterThanOrEqualTo(H2Compactor.TARGET_FILL_PERCENT);
        assertThat(count("SELECT COUNT(*) FROM events")).isEqualTo(COMMITS);
        assertThat(count("SELECT n FROM counters WHERE name = 'joins'")).isEqualTo(COMMITS);
    }

    @Test
    void theFileStopsGrowingWhileCompactionKeepsUp() throws Exception {
        H2Compactor compactor = new H2Compactor(dataSource);
        commitOneByOne(COMMITS);
        long uncompacted = Files.size(dir.resolve("db.mv.db"));
        while (compactor.pass()) {
            // until the target is reached
        }

        for (int round = 0; round < 10; round++) {
            commitOneByOne(COMMITS / 10);
            while (compactor.pass()) {
                // as the timer would, between commits
            }
        }

        // Twice the commits, and the file no larger than after the first half without compaction.
        assertThat(Files.size(dir.resolve("db.mv.db"))).isLessThanOrEqualTo(uncompacted);
        assertThat(count("SELECT COUNT(*) FROM events")).isEqualTo(2L * COMMITS);
    }

    @Test
    void anEmbeddedDatabaseIsCompactedWhileItIsOpenAndPostgresqlIsLeftAlone() {
        long before = compactors(); // other tests' stores may still be open
        try (TestDatabases.TestDatabase h2 = TestDatabases.temporaryH2();
                JdbcStores stores = JdbcStores.open(h2.config())) {
            assertThat(compactors()).isEqualTo(before + 1);
        }
        assertThat(compactors()).as("stopped with the stores").isEqualTo(before);

        try (TestDatabases.TestDatabase postgres = TestDatabases.freshPostgres();
                JdbcStores stores = JdbcStores.open(postgres.config())) {
            assertThat(compactors()).isEqualTo(before);
        }
    }

    private static long compactors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("foyer-h2-compactor")).count();
    }

    /** Small transactions as a join makes them: a row in an indexed table, and a hot row updated. */
    private void commitOneByOne(int commits) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)");
                PreparedStatement bump = c.prepareStatement("UPDATE counters SET n = n + 1 WHERE name = 'joins'")) {
            for (int i = 0; i < commits; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "m" + (i % 50));
                insert.setString(3, "x".repeat(200));
                insert.executeUpdate();
                bump.executeUpdate();
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
