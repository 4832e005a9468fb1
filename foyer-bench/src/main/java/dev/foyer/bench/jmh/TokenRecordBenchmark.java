package dev.foyer.bench.jmh;

import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording minted join tokens, {@code batch} per transaction, as mints under way together share
 * one ({@code TokenRecords}, items 36 and 38), in a table already holding {@link #PREFILL} tokens.
 * {@code appIndex=true} puts back the index on {@code app_id} that migration V6 dropped, to show
 * what it cost. Each iteration runs {@link #CALLS} transactions; divide the score by {@code CALLS
 * × batch} for the cost of one token's record. On the embedded H2 file only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = TokenRecordBenchmark.CALLS)
@Measurement(iterations = 5, batchSize = TokenRecordBenchmark.CALLS)
@Fork(1)
public class TokenRecordBenchmark {
    static final int CALLS = 1_000;
    static final int PREFILL = 50_000;

    @Param({"1", "4"})
    public int batch;

    @Param({"false", "true"})
    public boolean appIndex;

    /** Settings appended to the embedded H2 file's URL, such as {@code ;PAGE_SIZE=16384}. */
    @Param({""})
    public String h2Settings;

    private JdbcStores stores;
    private final List<List<IssuedToken>> batches = new ArrayList<>();
    private int next;
    private long minted;

    @Setup
    public void open() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("foyer-bench");
        FoyerConfig embedded = FoyerConfig.newBuilder().dataDir(dir).build();
        String url = JdbcStores.embeddedDatabaseUrl(embedded);
        FoyerConfig config = h2Settings.isEmpty() ? embedded
                : FoyerConfig.newBuilder().dataDir(dir).databaseUrl(url + h2Settings).databaseUser("sa").build();
        stores = JdbcStores.open(config);
        if (appIndex) {
            // A second connection to the file, as `foyer app create` beside a server (AUTO_SERVER).
            try (Connection c = DriverManager.getConnection(url, "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE INDEX issued_tokens_app_id_idx ON issued_tokens (app_id)");
            }
        }
        for (int i = 0; i < PREFILL / CALLS; i++) {
            stores.issuedTokens().insertAll(tokens(CALLS));
        }
    }

    /** Mints this iteration's tokens (not timed). */
    @Setup(Level.Iteration)
    public void mint() {
        batches.clear();
        next = 0;
        for (int call = 0; call < CALLS; call++) {
            batches.add(tokens(batch));
        }
    }

    @TearDown
    public void close() {
        stores.close();
    }

    /** One transaction that records {@code batch} tokens. */
    @Benchmark
    public void recordBatch() {
        stores.issuedTokens().insertAll(batches.get(next++));
    }

    /** Tokens as a back-end mints them: its application, random ids, a meeting of their own. */
    private List<IssuedToken> tokens(int n) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MeetingId meeting = MeetingId.random();
        List<IssuedToken> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String jti = TokenDigest.of("jti " + minted++ + " " + System.nanoTime()).substring(0, 22);
            tokens.add(new IssuedToken(jti, TokenKind.GUEST, meeting, "fci_benchapplication00000", "guest:" + jti, now,
                    now.plusSeconds(3_600), null, null, TokenDigest.of("token " + jti)));
        }
        return tokens;
    }
}
