package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.live.Effect;
import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.webhook.DeliveryStatus;
import dev.foyer.server.webhook.EventType;
import dev.foyer.server.webhook.WebhookEvent;
import dev.foyer.server.webhook.WebhookOutbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live meetings' webhook events, written by the history writer off the meetings' writers: with
 * the participation rows of the same changes, in one transaction for every meeting, stamped with
 * the time of the change, and waking the dispatcher only when something is to be delivered.
 */
class HistoryWriterEventsTest {
    private static TestServer server;
    private static Stores stores;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.webhooksAllowPrivate(true));
        stores = server.server().services().stores();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsOfSeveralMeetingsAndTheirRowsShareOneTransaction() {
        NewApplication app = server.createApp("history-events");
        Meeting first = meeting(app);
        Meeting second = meeting(app);
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger nudges = new AtomicInteger();
        WebhookOutbox outbox = outbox(nudges);
        HistoryWriter writer = new HistoryWriter(TransactionCounting.wrap(stores, transactions), outbox);
        Instant at = Instant.parse("2026-11-29T08:00:00.123456Z");

        for (Meeting m : List.of(first, second)) {
            writer.record(m.id(), List.of(entered(m.id(), "p-1", at)), batch(m, List.of(joined("p-1", 1)), at));
        }
        writer.start().close();

        assertThat(transactions.get()).isEqualTo(1);
        for (Meeting m : List.of(first, second)) {
            assertThat(stores.participations().list(m.id())).extracting(ParticipationRecord::participantId)
                    .containsExactly("p-1");
            assertThat(stores.webhooks().feed(m.id(), 0, 10)).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.PARTICIPANT_JOINED);
                assertThat(e.createdAt()).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
                assertThat(e.status()).isEqualTo(DeliveryStatus.NO_CALLBACK);
            });
        }
        assertThat(nudges.get()).as("nothing to deliver: the application has no callback URL").isZero();
    }

    @Test
    void eventsToBeDeliveredWakeTheDispatcherOnceTheyAreCommitted() {
        NewApplication app = server.createAppWithCallback("history-events-hooked", "http://127.0.0.1:9/hooks");
        Meeting meeting = meeting(app);
        AtomicInteger nudges = new AtomicInteger();
        HistoryWriter writer = new HistoryWriter(stores, outbox(nudges));
        writer.record(meeting.id(), List.of(), batch(meeting, List.of(joined("p-1", 1), joined("p-2", 2)),
                Instant.now()));

        writer.start().close();

        assertThat(stores.webhooks().feed(meeting.id(), 0, 10)).extracting(WebhookEvent::seq).containsExactly(1L, 2L);
        assertThat(nudges.get()).isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseRefusesLosesNeitherTheOtherRowsNorTheEventsOfItsBatch() {
        NewApplication app = server.createApp("history-events-refused");
        Meeting meeting = meeting(app);
        HistoryWriter writer = new HistoryWriter(stores, outbox(new AtomicInteger()));
        Instant at = Instant.now();
        writer.record(meeting.id(), List.of(entered(meeting.id(), "p-1", at)),
                batch(meeting, List.of(joined("p-1", 1)), at));
        writer.record(meeting.id(), List.of(entered(meeting.id(), "p-1", at), // a duplicate: refused by the database
                entered(meeting.id(), "p-2", at)), batch(meeting, List.of(joined("p-2", 2)), at));
        writer.record(meeting.id(), List.of(entered(meeting.id(), "p-3", at)),
                batch(meeting, List.of(joined("p-3", 3)), at));

        writer.start().close();

        assertThat(stores.participations().list(meeting.id())).extracting(ParticipationRecord::participantId)
                .containsExactlyInAnyOrder("p-1", "p-2", "p-3");
        assertThat(stores.webhooks().feed(meeting.id(), 0, 10)).extracting(WebhookEvent::seq)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchWithNeitherRowsNorEventsIsNotQueued() {
        NewApplication app = server.createApp("history-events-empty");
        Meeting meeting = meeting(app);
        AtomicInteger transactions = new AtomicInteger();
        HistoryWriter writer = new HistoryWriter(TransactionCounting.wrap(stores, transactions), outbox(new AtomicInteger())).start();

        writer.record(meeting.id(), List.of(), batch(meeting, List.of(), Instant.now()));
        writer.record(meeting.id(), List.of(), null);
        writer.close();

        assertThat(transactions.get()).isZero();
    }

    private static WebhookOutbox.LiveBatch batch(Meeting meeting, List<WebhookOutbox.Draft> events, Instant at) {
        return new WebhookOutbox.LiveBatch(meeting, events, at);
    }

    private static WebhookOutbox outbox(AtomicInteger nudges) {
        WebhookOutbox outbox = new WebhookOutbox(stores, server.clock());
        outbox.onCommit(nudges::incrementAndGet);
        return outbox;
    }

    private static WebhookOutbox.Draft joined(String participantId, long seq) {
        return new WebhookOutbox.Draft(EventType.PARTICIPANT_JOINED, seq, Map.of("participantId", participantId));
    }

    private static Effect.Entered entered(MeetingId meeting, String participantId, Instant at) {
        return new Effect.Entered(new ParticipationRecord(meeting, participantId, "guest:" + participantId,
                "Guest " + participantId, "guest", at, at, null, null, null), 1);
    }

    private static Meeting meeting(NewApplication app) {
        JsonNode created = server.createAdhocMeeting(app, server.accessToken(app), "{\"subject\":\"History\"}");
        return stores.meetings().find(MeetingId.parse(created.get("onlineMeetingId").asText())).orElseThrow();
    }
}
