package dev.foyer.server.store.jdbc;

import static dev.foyer.server.store.jdbc.StoreFixtures.adHocMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.application;
import static dev.foyer.server.store.jdbc.StoreFixtures.chatLine;
import static dev.foyer.server.store.jdbc.StoreFixtures.now;
import static dev.foyer.server.store.jdbc.StoreFixtures.organizerOf;
import static dev.foyer.server.store.jdbc.StoreFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.foyer.server.app.Application;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.store.Stores;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import dev.foyer.server.webhook.DeliveryStatus;
import dev.foyer.server.webhook.EventType;
import dev.foyer.server.webhook.WebhookEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The webhook outbox and {@link Stores#inTransaction}, on every database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxStoreContract {
    private TestDatabase database;
    private Stores stores;

    protected abstract TestDatabase createDatabase() throws Exception;

    /** A query answering the cache size of {@code webhook_events.position}'s sequence. */
    protected abstract String positionCacheQuery();

    @BeforeAll
    void openStores() throws Exception {
        database = createDatabase();
        stores = JdbcStores.open(database.config());
    }

    protected TestDatabase database() {
        return database;
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

    @Test
    void eventPositionsComeInBlocksOfAThousandSoH2SeldomWritesTheSequence() throws Exception {
        try (HikariDataSource dataSource = DataSources.open(database.config());
                Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(positionCacheQuery())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1_000);
        }
    }

    @Test
    void aRolledBackTransactionDropsBothTheStateChangeAndItsOutboxRows() {
        Meeting meeting = appMeeting();

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            stores.meetings().insert(meeting);
            stores.webhooks().insert(List.of(event(meeting, EventType.MEETING_CREATED, 0)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(stores.meetings().find(meeting.id())).isEmpty();
        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).isEmpty();
    }

    @Test
    void aCommittedTransactionKeepsBoth() {
        Meeting meeting = appMeeting();

        stores.inTransaction(() -> {
            stores.meetings().insert(meeting);
            stores.webhooks().insert(List.of(event(meeting, EventType.MEETING_CREATED, 0)));
        });

        assertThat(stores.meetings().find(meeting.id())).isPresent();
        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).hasSize(1);
    }

    @Test
    void aChatBatchAndTheEventsOfItsCycleCommitOrRollBackTogether() {
        Meeting meeting = appMeeting();
        stores.meetings().insert(meeting);

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            stores.chat().appendBatch(List.of(chatLine(meeting.id(), 5, "p_a", "c1", "hello")));
            stores.webhooks().insert(List.of(event(meeting, EventType.PARTICIPANT_JOINED, 4)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(stores.chat().recent(meeting.id(), 10)).isEmpty();
        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).isEmpty();

        stores.inTransaction(() -> {
            stores.chat().appendBatch(List.of(chatLine(meeting.id(), 5, "p_a", "c1", "hello")));
            stores.webhooks().insert(List.of(event(meeting, EventType.PARTICIPANT_JOINED, 7)));
        });
        assertThat(stores.chat().recent(meeting.id(), 10)).hasSize(1);
        assertThat(stores.chat().maxSeq(meeting.id())).as("events count for the meeting's seq too").isEqualTo(7);
    }

    @Test
    void theFeedIsInSeqOrderThenInsertionOrder() {
        Meeting meeting = appMeeting();
        WebhookEvent started = event(meeting, EventType.MEETING_STARTED, 3);
        WebhookEvent waiting = event(meeting, EventType.LOBBY_WAITING, 3);
        WebhookEvent created = event(meeting, EventType.MEETING_CREATED, 0);
        WebhookEvent left = event(meeting, EventType.PARTICIPANT_LEFT, 9);
        stores.webhooks().insert(List.of(created));
        stores.webhooks().insert(List.of(left));
        stores.webhooks().insert(List.of(started, waiting));

        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).extracting(WebhookEvent::id)
                .containsExactly(created.id(), started.id(), waiting.id(), left.id());
        assertThat(stores.webhooks().feed(meeting.id(), 3, 10)).extracting(WebhookEvent::id)
                .containsExactly(left.id());
        assertThat(stores.webhooks().oldest(meeting.id()).orElseThrow().id()).isEqualTo(created.id());
    }

    @Test
    void aClaimedEventIsNotClaimedAgainUntilItsLeaseRunsOut() {
        Meeting meeting = appMeeting();
        Instant now = now();
        WebhookEvent e = event(meeting, EventType.MEETING_CREATED, 0, now.minusSeconds(1));
        stores.webhooks().insert(List.of(e));

        List<WebhookEvent> first = stores.webhooks().claimDue(now, now.plusSeconds(60), 1000);
        List<WebhookEvent> second = stores.webhooks().claimDue(now.plusSeconds(1), now.plusSeconds(61), 1000);
        List<WebhookEvent> afterLease = stores.webhooks().claimDue(now.plusSeconds(60), now.plusSeconds(120), 1000);

        assertThat(first).extracting(WebhookEvent::id).contains(e.id());
        assertThat(second).extracting(WebhookEvent::id).doesNotContain(e.id());
        assertThat(afterLease).extracting(WebhookEvent::id).contains(e.id());
    }

    @Test
    void attemptsAreRecordedAndOnlyFinishedOldEventsArePruned() {
        Meeting meeting = appMeeting();
        Instant old = now().minus(Duration.ofDays(30));
        WebhookEvent delivered = event(meeting, EventType.MEETING_CREATED, 0, old);
        WebhookEvent pending = event(meeting, EventType.MEETING_STARTED, 1, old);
        stores.webhooks().insert(List.of(delivered, pending));
        stores.webhooks().recordAttempt(delivered.id(), DeliveryStatus.DELIVERED, 2, old, null, 204, old);

        WebhookEvent recorded = stores.webhooks().find(delivered.appId(), delivered.id()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(recorded.attempts()).isEqualTo(2);
        assertThat(recorded.lastStatus()).isEqualTo(204);
        assertThat(recorded.deliveredAt()).isEqualTo(old);
        assertThat(stores.webhooks().find(pending.appId(), pending.id()).orElseThrow().lastStatus()).isNull();

        assertThat(stores.webhooks().deleteFinishedBefore(now().minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(1);
        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).extracting(WebhookEvent::id)
                .containsExactly(pending.id());
    }

    @Test
    void pruningTakesEveryApplicationsOldFinishedEventsAndNothingElse() {
        Instant old = now().minus(Duration.ofDays(30));
        Instant cutoff = now().minus(Duration.ofDays(7));
        List<Meeting> meetings = List.of(appMeeting(), appMeeting(), appMeeting());
        List<String> kept = new java.util.ArrayList<>();
        for (Meeting m : meetings) {
            WebhookEvent oldFinished = event(m, EventType.MEETING_CREATED, 0, old);
            WebhookEvent oldPending = event(m, EventType.MEETING_STARTED, 1, old);
            WebhookEvent recentFinished = event(m, EventType.MEETING_ENDED, 2, now());
            stores.webhooks().insert(List.of(oldFinished, oldPending, recentFinished));
            stores.webhooks().recordAttempt(oldFinished.id(), DeliveryStatus.DELIVERED, 1, old, null, 204, old);
            stores.webhooks().recordAttempt(recentFinished.id(), DeliveryStatus.DEAD, 9, now(), "refused", 500, null);
            kept.add(oldPending.id());
            kept.add(recentFinished.id());
        }

        assertThat(stores.webhooks().deleteFinishedBefore(cutoff)).isGreaterThanOrEqualTo(meetings.size());

        List<String> left = new java.util.ArrayList<>();
        for (Meeting m : meetings) {
            stores.webhooks().feed(m.id(), -1, 10).forEach(e -> left.add(e.id()));
        }
        assertThat(left).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(stores.webhooks().deleteFinishedBefore(cutoff)).isZero();
    }

    @Test
    void deletingTheApplicationDeletesItsEvents() {
        Application app = application();
        stores.applications().insert(app);
        Meeting meeting = adHocMeeting(organizerOf(app), now());
        stores.meetings().insert(meeting);
        stores.webhooks().insert(List.of(event(meeting, EventType.MEETING_CREATED, 0)));

        stores.applications().delete(app.id());

        assertThat(stores.webhooks().feed(meeting.id(), -1, 10)).isEmpty();
        assertThat(stores.webhooks().listByApp(app.id(), null, 0, 10)).isEmpty();
    }

    private Meeting appMeeting() {
        return adHocMeeting(organizerOf(application()), now());
    }

    private static WebhookEvent event(Meeting m, EventType type, long seq) {
        return event(m, type, seq, now());
    }

    private static WebhookEvent event(Meeting m, EventType type, long seq, Instant at) {
        return WebhookEvent.newEvent(unique("evt_"), new dev.foyer.server.app.AppId(m.organizer().id()), m.id(), type,
                seq, "{\"type\":\"" + type.wireName() + "\"}", at, DeliveryStatus.PENDING);
    }
}
