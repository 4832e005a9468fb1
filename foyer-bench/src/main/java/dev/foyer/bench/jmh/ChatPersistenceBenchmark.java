package dev.foyer.bench.jmh;

import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Committing chat lines to the embedded database, one transaction per batch: the cost per line
 * falls as the batch grows, which is why each meeting commits its chat in groups. Set
 * {@code -p databaseUrl=jdbc:postgresql://...} to measure PostgreSQL instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChatPersistenceBenchmark {
    @Param({"1", "10", "100"})
    public int batch;

    @Param({""})
    public String databaseUrl;

    private JdbcStores stores;
    private long seq;
    private final MeetingId meeting = new MeetingId("0123456789ABC");

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("foyer-bench");
        FoyerConfig.Builder config = FoyerConfig.newBuilder().dataDir(dir);
        if (!databaseUrl.isEmpty()) {
            config.databaseUrl(databaseUrl);
        }
        stores = JdbcStores.open(config.build());
        seq = stores.chat().maxSeq(meeting);
    }

    @TearDown
    public void tearDown() {
        stores.close();
    }

    /** Time per batch; divide by {@code batch} for the cost of one line. */
    @Benchmark
    public void commitBatch() {
        List<ChatRecord> lines = new ArrayList<>(batch);
        Instant now = Instant.now();
        for (int i = 0; i < batch; i++) {
            long s = ++seq;
            lines.add(new ChatRecord(meeting, s, "m" + s, "p_sender", "Ada", "c" + s, "hello " + s, now));
        }
        stores.chat().appendBatch(lines);
    }
}
