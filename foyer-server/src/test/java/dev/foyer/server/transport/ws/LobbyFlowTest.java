package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lobby over real sockets: waiting blind, admission, denial, and a meeting that ends meanwhile. */
class LobbyFlowTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void guestInLobbySeesNothingOfTheMeetingUntilAdmittedThenChatFlowsBothWays() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("visit-blind"), "Ada");
        assertThat(ada.joined().get("state").asText()).isEqualTo("lobby");
        assertThat(ada.joined().has("participants")).isFalse();
        ada.client().awaitType("lobby.waiting");
        dana.client().awaitType("lobby.entered");

        // While Ada waits, the meeting is busy: someone enters, talks, types, unmutes and signals.
        Joined eve = s.presenter("Eve");
        dana.client().awaitType("participant.joined");
        dana.client().send(message("chat.send").put("clientMessageId", "d1").put("text", "before Ada"));
        dana.client().awaitType("chat.ack");
        eve.client().send(message("typing"));
        eve.client().send(message("media.update").put("audioMuted", false));
        eve.client().send(message("signal").put("to", dana.participantId()).put("kind", "offer")
                .set("data", message("x").put("sdp", "v=0")));
        dana.client().awaitType("participant.updated");
        dana.client().awaitType("signal");
        // A guest cannot be signalled while it waits either.
        dana.client().send(message("signal").put("id", "s1").put("to", ada.participantId()).put("kind", "ice")
                .set("data", message("x")));
        assertThat(dana.client().awaitError("unknown_participant").get("re").asText()).isEqualTo("s1");

        dana.client().send(message("lobby.admit").put("participantId", ada.participantId()));
        ada.client().awaitType("admitted");
        JsonNode snapshot = ada.client().awaitType("snapshot");
        assertThat(ada.client().seen()).extracting(m -> m.get("type").asText())
                .containsExactly("joined", "lobby.waiting", "admitted", "snapshot");
        assertThat(snapshot.get("participants")).extracting(p -> p.get("displayName").asText())
                .containsExactlyInAnyOrder("Dana", "Eve", "Ada");
        assertThat(snapshot.has("lobby")).as("guests get no lobby list").isFalse();
        assertThat(snapshot.get("chat")).extracting(c -> c.get("text").asText()).containsExactly("before Ada");

        ada.client().send(message("chat.send").put("clientMessageId", "a1").put("text", "Hello from Ada"));
        assertThat(dana.client().awaitType("chat").get("text").asText()).isEqualTo("Hello from Ada");
        assertThat(eve.client().await(m -> m.path("text").asText().equals("Hello from Ada"), "Ada's chat")
                .get("from").asText()).isEqualTo(ada.participantId());
        dana.client().send(message("chat.send").put("clientMessageId", "d2").put("text", "Welcome, Ada"));
        assertThat(ada.client().await(m -> m.path("type").asText().equals("chat")
                && m.get("from").asText().equals(dana.participantId()), "Dana's chat").get("text").asText())
                .isEqualTo("Welcome, Ada");
        close(dana, eve, ada);
    }

    @Test
    void presenterAdmitsEveryoneWaitingAtOnce() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("all-1"), "Ada");
        Joined bob = s.join(s.guestToken("all-2"), "Bob");
        dana.client().awaitType("lobby.entered");
        dana.client().awaitType("lobby.entered");

        dana.client().send(message("lobby.admitAll"));
        ada.client().awaitType("admitted");
        bob.client().awaitType("admitted");
        assertThat(bob.client().awaitType("snapshot").get("participants")).hasSize(3);
        List<String> outcomes = List.of(dana.client().awaitType("lobby.left").get("outcome").asText(),
                dana.client().awaitType("lobby.left").get("outcome").asText());
        assertThat(outcomes).containsOnly("admitted");
        bob.client().send(message("chat.send").put("clientMessageId", "b1").put("text", "in at last"));
        assertThat(ada.client().awaitType("chat").get("text").asText()).isEqualTo("in at last");
        close(dana, ada, bob);
    }

    @Test
    void deniedGuestIsToldWhyAndClosedWith4004() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("deny-1"), "Ada");
        dana.client().awaitType("lobby.entered");

        dana.client().send(message("lobby.deny").put("participantId", ada.participantId()).put("reason", "not today"));
        assertThat(ada.client().awaitType("denied").get("reason").asText()).isEqualTo("not today");
        assertThat(ada.client().awaitClose()).isEqualTo(4004);
        JsonNode left = dana.client().awaitType("lobby.left");
        assertThat(left.get("participantId").asText()).isEqualTo(ada.participantId());
        assertThat(left.get("outcome").asText()).isEqualTo("denied");
        close(dana);
    }

    @Test
    void guestsKeepWaitingWhileNoPresenterIsThere() {
        MeetingScenario s = new MeetingScenario(server);
        Joined ada = s.join(s.guestToken("early-1"), "Ada");
        assertThat(ada.joined().get("state").asText()).isEqualTo("lobby");
        ada.client().awaitType("lobby.waiting");
        ada.client().noneOf("denied", Duration.ofMillis(1500));
        assertThat(ada.client().isClosed()).isFalse();

        Joined dana = s.join(s.staffToken("late-dana", "Dana", "presenter"), "Dana");
        JsonNode snapshot = dana.client().awaitType("snapshot");
        assertThat(snapshot.get("lobby")).extracting(p -> p.get("participantId").asText())
                .containsExactly(ada.participantId());
        dana.client().send(message("lobby.admit").put("participantId", ada.participantId()));
        ada.client().awaitType("admitted");
        close(dana, ada);
    }

    @Test
    void meetingEndedWhileWaitingTellsTheGuestAndClosesWith4001() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("ended-1"), "Ada");
        dana.client().awaitType("lobby.entered");

        dana.client().send(message("meeting.end").put("reason", "closing time"));
        assertThat(ada.client().awaitType("ended").get("reason").asText()).isEqualTo("closing time");
        assertThat(ada.client().awaitClose()).isEqualTo(4001);
        assertThat(dana.client().awaitClose()).isEqualTo(4001);
    }

    static void close(Joined... joined) {
        for (Joined j : joined) {
            j.client().close();
        }
    }
}
