package dev.foyer.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the outbox stores on the real H2 store, and whether the dispatcher has anything to do: an
 * application without a callback URL gets its events for the feed, and no delivery to wake for.
 */
class WebhookOutboxTest {
    private static TestServer server;
    private static Stores stores;
    private static WebhookOutbox outbox;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.webhooksAllowPrivate(true));
        stores = server.server().services().stores();
        outbox = new WebhookOutbox(stores, server.clock());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsOfAnApplicationWithACallbackAreToBeDelivered() {
        NewApplication app = server.createAppWithCallback("outbox-hooked", "http://127.0.0.1:9/hooks");
        Meeting meeting = meeting(app);

        assertThat(add(meeting)).isTrue();

        assertThat(stores.webhooks().feed(meeting.id(), 0, 10)).singleElement() // perhaps attempted already
                .satisfies(e -> assertThat(e.status()).isNotEqualTo(DeliveryStatus.NO_CALLBACK));
    }

    @Test
    void eventsOfAnApplicationWithoutACallbackAreStoredForTheFeedOnly() {
        NewApplication app = server.createApp("outbox-quiet");
        Meeting meeting = meeting(app);

        assertThat(add(meeting)).isFalse();

        assertThat(stores.webhooks().feed(meeting.id(), 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryStatus.NO_CALLBACK));
    }

    private static boolean add(Meeting meeting) {
        boolean[] deliverable = new boolean[1];
        stores.inTransaction(() -> deliverable[0] = outbox.add(meeting,
                List.of(new WebhookOutbox.Draft(EventType.PARTICIPANT_JOINED, 1, Map.of("participantId", "p-1")))));
        return deliverable[0];
    }

    private static Meeting meeting(NewApplication app) {
        JsonNode created = server.createAdhocMeeting(app, server.accessToken(app), "{\"subject\":\"Outbox\"}");
        return stores.meetings().find(MeetingId.parse(created.get("onlineMeetingId").asText())).orElseThrow();
    }
}
