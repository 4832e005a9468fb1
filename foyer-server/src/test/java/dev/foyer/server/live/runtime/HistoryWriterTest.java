package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.live.Effect;
import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryWriterTest {
    @TempDir
    static Path dataDir;
    private TestDatabase database;
    private Stores stores;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    void open() throws Exception {
        database = TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
        stores = JdbcStores.open(database.config());
    }

    @AfterAll
    void close() {
        stores.close();
        database.close();
    }

    @Test
    void thousandsOfRowsLandInBatchesAndCloseWritesWhatIsQueued() {
        MeetingId meeting = MeetingId.random();
        HistoryWriter writer = new HistoryWriter(stores, null);
        IntStream.range(0, 2_000).forEach(i -> writer.record(meeting, List.of(entered(meeting, "p-" + i)), null));
        writer.record(meeting, List.of(new Effect.Left("p-7", t0.plusSeconds(9), "left", 1)), null);

        writer.start().close();

        assertThat(stores.participations().list(meeting)).hasSize(2_000)
                .filteredOn(p -> p.participantId().equals("p-7"))
                .singleElement().satisfies(p -> assertThat(p.leftReason()).isEqualTo("left"));
    }

    @Test
    void aRowTheDatabaseRefusesLosesOnlyItselfNotItsBatch() {
        MeetingId meeting = MeetingId.random();
        HistoryWriter writer = new HistoryWriter(stores, null);
        writer.record(meeting, List.of(entered(meeting, "p-1")), null);
        writer.record(meeting, List.of(entered(meeting, "p-1")), null); // a duplicate: refused by the database
        writer.record(meeting, List.of(entered(meeting, "p-2")), null);
        writer.record(meeting, List.of(new Effect.WasAdmitted("p-2", "p-1", t0.plusSeconds(1), 2,
                java.time.Duration.ofSeconds(1))), null);

        writer.start().close();

        assertThat(stores.participations().list(meeting)).extracting(ParticipationRecord::participantId)
                .containsExactlyInAnyOrder("p-1", "p-2");
        assertThat(stores.participations().list(meeting)).filteredOn(p -> p.participantId().equals("p-2"))
                .singleElement().satisfies(p -> assertThat(p.admittedBy()).isEqualTo("p-1"));
    }

    @Test
    void rowsArrivingAtAModestRateShareCommits() throws Exception {
        MeetingId meeting = MeetingId.random();
        AtomicInteger transactions = new AtomicInteger();
        HistoryWriter writer = new HistoryWriter(TransactionCounting.wrap(stores, transactions), null).start();

        for (int i = 0; i < 40; i++) { // a row every 10 ms: 100 joins a second
            writer.record(meeting, List.of(entered(meeting, "p-" + i)), null);
            Thread.sleep(10);
        }
        writer.close();

        assertThat(stores.participations().list(meeting)).hasSize(40);
        assertThat(transactions.get()).as("transactions for 40 rows over ~400 ms").isLessThanOrEqualTo(15);
    }

    @Test
    void rowsRecordedAfterCloseAreDroppedNotQueuedForever() {
        MeetingId meeting = MeetingId.random();
        HistoryWriter writer = new HistoryWriter(stores, null).start();
        writer.close();

        writer.record(meeting, List.of(entered(meeting, "p-late")), null);

        assertThat(stores.participations().list(meeting)).isEmpty();
    }

    private ParticipationRecord participation(MeetingId meeting, String participantId) {
        return new ParticipationRecord(meeting, participantId, "guest:" + participantId, "Guest " + participantId,
                "guest", t0, null, null, null, null);
    }

    private Effect.Entered entered(MeetingId meeting, String participantId) {
        return new Effect.Entered(participation(meeting, participantId), 1);
    }
}
