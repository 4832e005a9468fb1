package dev.foyer.bench.jmh;

import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Using up join tokens, {@code batch} per transaction, as joins that arrive together share one
 * (docs/performance.md, item 22). Each iteration runs {@link #CALLS} transactions on tokens
 * recorded before it; the score is the time per iteration, so divide by {@code CALLS × batch}
 * for the cost of one join's token. Set {@code -p databaseUrl=jdbc:postgresql://...} to measure
 * PostgreSQL instead of the embedded H2 file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = TokenConsumptionBenchmark.CALLS)
@Measurement(iterations = 5, batchSize = TokenConsumptionBenchmark.CALLS)
@Fork(1)
public class TokenConsumptionBenchmark {
    static final int CALLS = 1_000;

    @Param({"1", "4", "16"})
    public int batch;

    @Param({""})
    public String databaseUrl;

    private JdbcStores stores;
    private final List<List<IssuedTokenStore.Presented>> batches = new ArrayList<>();
    private int next;

    @Setup
    public void open() throws IOException {
        Path dir = Files.createTempDirectory("foyer-bench");
        FoyerConfig.Builder config = FoyerConfig.newBuilder().dataDir(dir);
        if (!databaseUrl.isEmpty()) {
            config.databaseUrl(databaseUrl);
        }
        stores = JdbcStores.open(config.build());
    }

    /** Records the tokens this iteration uses up (not timed). */
    @Setup(Level.Iteration)
    public void recordTokens() {
        batches.clear();
        next = 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MeetingId meeting = MeetingId.random();
        for (int call = 0; call < CALLS; call++) {
            List<IssuedTokenStore.Presented> presented = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                String jti = "jti-" + call + "-" + i + "-" + System.nanoTime();
                String digest = TokenDigest.of("token " + jti);
                stores.issuedTokens().insert(new IssuedToken(jti, TokenKind.GUEST, meeting, null, "guest:" + jti, now,
                        now.plusSeconds(3_600), null, null, digest));
                presented.add(new IssuedTokenStore.Presented(jti, digest));
            }
            batches.add(presented);
        }
    }

    /** Fails the run unless the iteration really used up the tokens it was given. */
    @TearDown(Level.Iteration)
    public void checkConsumed() {
        for (List<IssuedTokenStore.Presented> presented : List.of(batches.get(0), batches.get(next - 1))) {
            for (IssuedTokenStore.Presented p : presented) {
                if (stores.issuedTokens().find(p.jti()).orElseThrow().consumedAt() == null) {
                    throw new IllegalStateException("token not used up: " + p.jti());
                }
            }
        }
    }

    @TearDown
    public void close() {
        stores.close();
    }

    /** One transaction that uses up {@code batch} tokens. */
    @Benchmark
    public boolean[] consumeBatch() {
        return stores.issuedTokens().consumeRecorded(batches.get(next++), Instant.now());
    }
}
