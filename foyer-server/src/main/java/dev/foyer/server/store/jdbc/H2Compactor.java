package dev.foyer.server.store.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file from growing without bound.
 *
 * <p>Foyer runs H2 with {@code WRITE_DELAY=0}, so that every commit is in the file before it
 * returns ({@link DataSources#H2_SETTINGS}). H2's MVStore then starts no background thread, and
 * that thread is also what compacts the file: each commit appends a chunk of the pages it changed,
 * and a chunk is reused only once none of its pages is live. Most chunks keep one or two live
 * pages (an index leaf nobody touched since), so without compaction the file grows by tens of
 * kilobytes per commit and the live pages scatter over it: measured after 37,000 commits (a few
 * minutes of join storms), 942 MB of file held 5% live data, and index lookups missed H2's page
 * cache.
 *
 * <p>This does what H2's background thread would: every {@link #EVERY}, if less than
 * {@value #TARGET_FILL_PERCENT}% of the chunks' bytes are live, it rewrites the live pages of the
 * emptiest chunks, at most {@value #BYTES_PER_PASS} bytes a pass, so that they can be reused, and
 * commits them. A pass holds the store's lock, and every commit waits for it: 10–40 ms on a slow
 * machine, and over 100 ms when the pass's thread waits for a core on a loaded one
 * (docs/performance.md, item 42). Each pass that rewrote something is timed in {@code
 * foyer_h2_compaction_seconds} once {@link #bindMetrics} is called. It runs only in the process
 * that opened the file: an admin command connected through {@code AUTO_SERVER} leaves it to the
 * server.
 */
final class H2Compactor implements AutoCloseable {
    static final int TARGET_FILL_PERCENT = 50;
    static final int BYTES_PER_PASS = 256 * 1024;
    static final Duration EVERY = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(H2Compactor.class);

    private final DataSource dataSource;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foyer-h2-compactor");
        t.setDaemon(true);
        return t;
    });

    H2Compactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Times of the passes that rewrote something; null until {@link #bindMetrics}. */
    private volatile Timer rewrites;

    /** Times each pass that rewrote something: {@code foyer_h2_compaction_seconds}. */
    void bindMetrics(MeterRegistry registry) {
        rewrites = Timer.builder("foyer.h2.compaction")
                .description("passes of the embedded database's compaction that rewrote pages; commits wait for each")
                .register(registry);
    }

    /** Compacts every {@link #EVERY} until closed. */
    H2Compactor start() {
        timer.scheduleWithFixedDelay(this::passQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One pass; true if it rewrote anything (false: the file is full enough, another process holds
     * it, or a commit held the store's lock).
     */
    boolean pass() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = storeOf(connection);
            long start = System.nanoTime();
            if (store == null || !store.compact(TARGET_FILL_PERCENT, BYTES_PER_PASS)) {
                return false;
            }
            // The live pages were copied in memory: written out now, the old chunks can go.
            store.commit();
            Timer timer = rewrites;
            if (timer != null) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return true;
        }
    }

    /** The share of the chunks' bytes that is live, in percent, as H2 counts it. */
    int chunksFillPercent() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = storeOf(connection);
            return store == null ? 100 : store.getFileStore().getChunksFillRate();
        }
    }

    /** The store beneath {@code connection}; null when another process holds the file. */
    private static MVStore storeOf(Connection connection) throws SQLException {
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        return session instanceof SessionLocal local ? local.getDatabase().getStore().getMvStore() : null;
    }

    private void passQuietly() {
        try {
            pass();
        } catch (SQLException | RuntimeException e) {
            // The database is closing, or H2 refused: the next pass tries again.
            log.debug("h2 compaction pass failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
