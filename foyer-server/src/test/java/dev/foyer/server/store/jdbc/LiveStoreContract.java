package dev.foyer.server.store.jdbc;

import static dev.foyer.server.store.jdbc.StoreFixtures.adHocMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.application;
import static dev.foyer.server.store.jdbc.StoreFixtures.chatLine;
import static dev.foyer.server.store.jdbc.StoreFixtures.now;
import static dev.foyer.server.store.jdbc.StoreFixtures.organizerOf;
import static dev.foyer.server.store.jdbc.StoreFixtures.participation;
import static dev.foyer.server.store.jdbc.StoreFixtures.scheduledMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.app.Application;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.ChatStore;
import dev.foyer.server.store.DuplicateException;
import dev.foyer.server.store.ParticipationStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour owed by the stores of live meetings: {@link ChatStore} and
 * {@link ParticipationStore}, and their rows' deletion with their meeting. A subclass supplies an
 * empty database; the tests share it, each in meetings of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveStoreContract {
    private TestDatabase database;
    private Stores stores;

    /** An empty database for this class's tests. */
    protected abstract TestDatabase createDatabase() throws Exception;

    @BeforeAll
    void openStores() throws Exception {
        database = createDatabase();
        stores = JdbcStores.open(database.config());
    }

    @AfterAll
    void closeStores() {
        try {
            if (stores != null) {
                stores.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private ChatStore chat() {
        return stores.chat();
    }

    private ParticipationStore participations() {
        return stores.participations();
    }

    /** Lines {@code from..to} of one sender, client ids {@code c<seq>}. */
    private static List<ChatRecord> lines(MeetingId meetingId, long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(seq -> chatLine(meetingId, seq, "p-ada", "c" + seq, "line " + seq))
                .toList();
    }

    // Chat

    @Test
    void aBatchIsStoredAndRecentReturnsTheLastLinesOldestFirst() {
        MeetingId meeting = MeetingId.random();
        List<ChatRecord> lines = lines(meeting, 1, 10);
        List<ChatRecord> shuffled = new ArrayList<>(lines.subList(5, 10));
        shuffled.addAll(lines.subList(0, 5));

        chat().appendBatch(shuffled);

        assertThat(chat().recent(meeting, 3)).containsExactlyElementsOf(lines.subList(7, 10));
        assertThat(chat().recent(meeting, 100)).containsExactlyElementsOf(lines);
        assertThat(chat().recent(meeting, 0)).isEmpty();
    }

    @Test
    void reappendingStoredLinesInsideALargerTransactionKeepsThatTransactionUsable() {
        MeetingId meeting = MeetingId.random();
        ChatRecord first = chatLine(meeting, 1, "p-ada", "c-1", "hello");
        chat().appendBatch(List.of(first));
        ChatRecord resent = chatLine(meeting, 2, "p-ada", "c-1", "hello (resent)");
        ChatRecord next = chatLine(meeting, 3, "p-bob", "c-1", "hi Ada");
        ChatRecord after = chatLine(meeting, 4, "p-ada", "c-2", "how are you?");

        // As a meeting commits chat with its webhook events: the failed optimistic insert must not
        // abort the enclosing transaction (PostgreSQL would refuse every later statement in it).
        stores.inTransaction(() -> {
            chat().appendBatch(List.of(resent, next));
            chat().appendBatch(List.of(after));
        });

        assertThat(chat().recent(meeting, 10)).containsExactly(first, next, after);
    }

    @Test
    void anEmptyBatchStoresNothing() {
        MeetingId meeting = MeetingId.random();
        chat().appendBatch(List.of());
        assertThat(chat().recent(meeting, 10)).isEmpty();
    }

    @Test
    void reappendingStoredLinesSkipsThemAndStoresTheRestOfTheBatch() {
        MeetingId meeting = MeetingId.random();
        ChatRecord first = chatLine(meeting, 1, "p-ada", "c-1", "hello");
        ChatRecord second = chatLine(meeting, 2, "p-ada", "c-2", "anyone?");
        chat().appendBatch(List.of(first, second));
        ChatRecord resentUnderANewSeq = chatLine(meeting, 3, "p-ada", "c-2", "anyone? (resent)");
        ChatRecord third = chatLine(meeting, 4, "p-ada", "c-3", "there you are");

        chat().appendBatch(List.of(resentUnderANewSeq, third));
        chat().appendBatch(List.of(first, second, third));

        assertThat(chat().recent(meeting, 10)).containsExactly(first, second, third);
        assertThat(chat().maxSeq(meeting)).isEqualTo(4);
    }

    @Test
    void theSameClientIdFromAnotherSenderIsAnotherLine() {
        MeetingId meeting = MeetingId.random();
        ChatRecord ada = chatLine(meeting, 1, "p-ada", "c-1", "from Ada");
        ChatRecord grace = chatLine(meeting, 2, "p-grace", "c-1", "from Grace");
        chat().appendBatch(List.of(ada));
        chat().appendBatch(List.of(grace));
        assertThat(chat().recent(meeting, 10)).containsExactly(ada, grace);
    }

    @Test
    void duplicatesWithinABatchKeepTheFirst() {
        MeetingId meeting = MeetingId.random();
        ChatRecord first = chatLine(meeting, 1, "p-ada", "c-1", "first");
        ChatRecord duplicate = chatLine(meeting, 2, "p-ada", "c-1", "duplicate");
        ChatRecord other = chatLine(meeting, 3, "p-ada", "c-2", "other");

        chat().appendBatch(List.of(first, duplicate, other, first));

        assertThat(chat().recent(meeting, 10)).containsExactly(first, other);
    }

    @Test
    void aFailingBatchStoresNone() {
        MeetingId meeting = MeetingId.random();
        ChatRecord stored = chatLine(meeting, 1, "p-ada", "c-1", "stored");
        chat().appendBatch(List.of(stored));
        ChatRecord fresh = chatLine(meeting, 2, "p-ada", "c-2", "fresh");
        ChatRecord takenSeq = chatLine(meeting, 1, "p-grace", "c-9", "reuses seq 1");

        assertThatThrownBy(() -> chat().appendBatch(List.of(fresh, takenSeq))).isInstanceOf(RuntimeException.class);

        assertThat(chat().recent(meeting, 10)).containsExactly(stored);
    }

    @Test
    void maxSeqIsZeroForAnEmptyMeetingThenTheHighestSeq() {
        MeetingId meeting = MeetingId.random();
        assertThat(chat().maxSeq(meeting)).isZero();
        chat().appendBatch(List.of(chatLine(meeting, 7, "p-ada", "c-a", "a"),
                chatLine(meeting, 41, "p-ada", "c-b", "b"), chatLine(meeting, 12, "p-ada", "c-c", "c")));
        assertThat(chat().maxSeq(meeting)).isEqualTo(41);
    }

    @Test
    void fourThousandCharactersOfAnyPlaneRoundTrip() {
        MeetingId meeting = MeetingId.random();
        String allAstral = "😀".repeat(3999) + "𝄞";
        String mixed = "Zoë ☕ 漢字 😀 𝄞 👩‍👩‍👧 \n\t\"'\\ ".repeat(400);
        String mixedOf4000CodePoints = mixed.substring(0, mixed.offsetByCodePoints(0, 4000));
        assertThat(allAstral.codePointCount(0, allAstral.length())).isEqualTo(4000);
        assertThat(allAstral).hasSize(8000);
        ChatRecord astral = chatLine(meeting, 1, "p-ada", "c-1", allAstral);
        ChatRecord mixedLine = chatLine(meeting, 2, "p-ada", "c-2", mixedOf4000CodePoints);

        chat().appendBatch(List.of(astral, mixedLine));

        assertThat(chat().recent(meeting, 2)).containsExactly(astral, mixedLine);
    }

    @Test
    void meetingsNeverSeeEachOthersLines() {
        MeetingId a = MeetingId.random();
        MeetingId b = MeetingId.random();
        List<ChatRecord> linesOfA = lines(a, 1, 5);
        List<ChatRecord> linesOfB = lines(b, 1, 8);
        List<ChatRecord> together = new ArrayList<>(linesOfB);
        together.addAll(linesOfA);

        chat().appendBatch(together);

        assertThat(chat().recent(a, 100)).containsExactlyElementsOf(linesOfA);
        assertThat(chat().recent(b, 3)).containsExactlyElementsOf(linesOfB.subList(5, 8));
        assertThat(chat().maxSeq(a)).isEqualTo(5);
        assertThat(chat().maxSeq(b)).isEqualTo(8);
    }

    @Test
    void concurrentBatchesOfTheSameLinesStoreEachOnce() throws Exception {
        int writers = 4;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 5; round++) {
                MeetingId meeting = MeetingId.random();
                List<ChatRecord> lines = lines(meeting, 1, 20);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    results.add(executor.submit(() -> {
                        start.await();
                        chat().appendBatch(lines);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> result : results) {
                    result.get(30, TimeUnit.SECONDS);
                }
                assertThat(chat().recent(meeting, 100)).as("round %d", round).containsExactlyElementsOf(lines);
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Throughput sanity: many batches in a row all land, in order. No timing is asserted. */
    @Test
    void manyBatchesInARowAllLand() {
        MeetingId meeting = MeetingId.random();
        int batches = 100;
        int perBatch = 50;
        for (int i = 0; i < batches; i++) {
            chat().appendBatch(lines(meeting, (long) i * perBatch + 1, (long) (i + 1) * perBatch));
        }
        List<ChatRecord> all = chat().recent(meeting, batches * perBatch);
        assertThat(all).hasSize(batches * perBatch);
        assertThat(all).extracting(ChatRecord::seq).isSorted();
        assertThat(chat().maxSeq(meeting)).isEqualTo((long) batches * perBatch);
    }

    // Participations

    @Test
    void participationsRecordJoinAdmissionAndTheFirstLeave() {
        MeetingId meeting = MeetingId.random();
        Instant joined = now();
        ParticipationRecord guest = participation(meeting, "p-guest", joined);
        ParticipationRecord host = new ParticipationRecord(meeting, "p-host", "staff:ada", "Ada", "organizer",
                joined.minusSeconds(60), joined.minusSeconds(60), null, null, null);
        participations().recordJoin(guest);
        participations().recordJoin(host);
        Instant admitted = joined.plusSeconds(5);
        Instant left = joined.plusSeconds(30);

        participations().recordAdmitted(meeting, "p-guest", "p-host", admitted);
        participations().recordLeft(meeting, "p-guest", left, "left");
        participations().recordLeft(meeting, "p-guest", left.plusSeconds(1), "meeting ended");

        ParticipationRecord guestAfter = new ParticipationRecord(meeting, "p-guest", guest.subject(),
                guest.displayName(), "guest", joined, admitted, "p-host", left, "left");
        assertThat(participations().list(meeting)).containsExactly(host, guestAfter);
    }

    @Test
    void participationsAreListedByEntryThenParticipantId() {
        MeetingId meeting = MeetingId.random();
        Instant t = now();
        ParticipationRecord late = participation(meeting, "p-a", t.plusMillis(1));
        ParticipationRecord tieB = participation(meeting, "p-c", t);
        ParticipationRecord tieA = participation(meeting, "p-b", t);
        participations().recordJoin(late);
        participations().recordJoin(tieB);
        participations().recordJoin(tieA);
        participations().recordJoin(participation(MeetingId.random(), "p-b", t));

        assertThat(participations().list(meeting)).containsExactly(tieA, tieB, late);
    }

    @Test
    void aSecondJoinOfTheSameParticipantIsDuplicate() {
        MeetingId meeting = MeetingId.random();
        ParticipationRecord first = participation(meeting, "p-1", now());
        participations().recordJoin(first);

        assertThatThrownBy(() -> participations().recordJoin(participation(meeting, "p-1", now())))
                .isInstanceOf(DuplicateException.class);
        assertThat(participations().list(meeting)).containsExactly(first);
    }

    @Test
    void manyJoinsAreRecordedInOneGoAndADuplicateAmongThemUndoesTheTransaction() {
        MeetingId meeting = MeetingId.random();
        Instant t = now();
        List<ParticipationRecord> storm = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            storm.add(participation(meeting, String.format("p-%03d", i), t.plusMillis(i)));
        }

        participations().recordJoins(storm);
        participations().recordJoins(List.of());

        assertThat(participations().list(meeting)).containsExactlyElementsOf(storm);
        MeetingId other = MeetingId.random();
        ParticipationRecord fresh = participation(other, "p-fresh", t);
        assertThatThrownBy(() -> stores.inTransaction(() -> participations().recordJoins(
                List.of(fresh, participation(meeting, "p-007", t)))))
                .isInstanceOf(DuplicateException.class);
        assertThat(participations().list(other)).as("all or none in a transaction").isEmpty();
    }

    @Test
    void admittingOrLeavingAnUnknownParticipantChangesNothing() {
        MeetingId meeting = MeetingId.random();
        ParticipationRecord known = participation(meeting, "p-known", now());
        participations().recordJoin(known);

        participations().recordAdmitted(meeting, "p-unknown", "p-host", now());
        participations().recordLeft(meeting, "p-unknown", now(), "left");

        assertThat(participations().list(meeting)).containsExactly(known);
    }

    // Deletion with the meeting

    @Test
    void deletingAMeetingDeletesItsChatAndParticipations() {
        Meeting doomed = scheduledMeeting(organizerOf(user()));
        Meeting bystander = scheduledMeeting(organizerOf(user()));
        stores.meetings().insert(doomed);
        stores.meetings().insert(bystander);
        ParticipationRecord survivor = fillWithChatAndParticipation(bystander.id());
        fillWithChatAndParticipation(doomed.id());

        assertThat(stores.meetings().delete(doomed.id())).isTrue();

        assertEmpty(doomed.id());
        assertThat(chat().recent(bystander.id(), 10)).hasSize(3);
        assertThat(participations().list(bystander.id())).containsExactly(survivor);
    }

    @Test
    void deletingAnApplicationDeletesItsMeetingsChatAndParticipations() {
        Application doomed = application();
        Application bystander = application();
        stores.applications().insert(doomed);
        stores.applications().insert(bystander);
        Meeting doomedMeeting = adHocMeeting(organizerOf(doomed), now());
        Meeting otherMeeting = adHocMeeting(organizerOf(bystander), now());
        stores.meetings().insert(doomedMeeting);
        stores.meetings().insert(otherMeeting);
        fillWithChatAndParticipation(doomedMeeting.id());
        ParticipationRecord survivor = fillWithChatAndParticipation(otherMeeting.id());

        assertThat(stores.applications().delete(doomed.id())).isTrue();

        assertEmpty(doomedMeeting.id());
        assertThat(chat().recent(otherMeeting.id(), 10)).hasSize(3);
        assertThat(participations().list(otherMeeting.id())).containsExactly(survivor);
    }

    private ParticipationRecord fillWithChatAndParticipation(MeetingId meeting) {
        chat().appendBatch(lines(meeting, 1, 3));
        ParticipationRecord record = participation(meeting, "p-1", now().minus(Duration.ofMinutes(1)));
        participations().recordJoin(record);
        return record;
    }

    private void assertEmpty(MeetingId meeting) {
        assertThat(chat().recent(meeting, 10)).isEmpty();
        assertThat(chat().maxSeq(meeting)).isZero();
        assertThat(participations().list(meeting)).isEmpty();
    }
}
