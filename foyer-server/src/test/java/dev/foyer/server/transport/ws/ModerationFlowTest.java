package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.Api.bearer;
import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presenters remove participants and end meetings; guests cannot. */
class ModerationFlowTest {
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
    void removedParticipantIsClosedWith4003AndItsTokenStopsWorking() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        String token = s.guestToken("removed-1");
        Joined ada = s.join(token, "Ada");
        dana.client().send(message("lobby.admit").put("participantId", ada.participantId()));
        ada.client().awaitType("snapshot");

        dana.client().send(message("participant.remove").put("participantId", ada.participantId())
                .put("reason", "off topic"));
        assertThat(ada.client().awaitClose()).isEqualTo(4003);
        JsonNode left = dana.client().awaitType("participant.left");
        assertThat(left.get("participantId").asText()).isEqualTo(ada.participantId());
        assertThat(left.get("reason").asText()).isEqualTo("removed");

        WsClient again = WsClient.connect(s.signalingUrl());
        again.send(message("join").put("v", 1).put("token", token).put("displayName", "Ada"));
        again.awaitError("token_revoked");
        assertThat(again.awaitClose()).isEqualTo(4008);
        WsClient resumed = WsClient.connect(s.signalingUrl());
        resumed.send(message("resume").put("v", 1).put("resumeToken", ada.resumeToken()).put("lastSeq", 0));
        resumed.awaitError("resume_failed");
        assertThat(resumed.awaitClose()).isEqualTo(4008);
        Api.Response discovery = server.api().get("/discover", "Authorization", bearer(token));
        assertThat(discovery.status()).isEqualTo(401);
        assertThat(discovery.errorCode()).isEqualTo("token_revoked");
        dana.client().close();
    }

    @Test
    void presenterEndsTheMeetingForEveryone() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.admittedGuest(dana, "end-1", "Ada");
        Joined bob = s.join(s.guestToken("end-2"), "Bob");
        dana.client().awaitType("lobby.entered");

        String spare = s.guestToken("end-3");
        dana.client().send(message("meeting.end").put("reason", "that's all"));
        for (Joined j : List.of(dana, ada, bob)) {
            assertThat(j.client().awaitType("ended").get("reason").asText()).isEqualTo("that's all");
            assertThat(j.client().awaitClose()).isEqualTo(4001);
        }
        assertEndedForGood(s, spare);
    }

    @Test
    void platformDeleteEndsTheMeetingForEveryone() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.admittedGuest(dana, "delete-1", "Ada");

        String spare = s.guestToken("delete-2");
        Api.Response deleted = server.api().delete(s.meetingPath(), "Authorization", bearer(s.accessToken()));
        assertThat(deleted.status()).isEqualTo(204);
        for (Joined j : List.of(dana, ada)) {
            j.client().awaitType("ended");
            assertThat(j.client().awaitClose()).isEqualTo(4001);
        }
        assertEndedForGood(s, spare);
    }

    @Test
    void guestCannotModerateAndNothingChangesForOthers() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.admittedGuest(dana, "mod-1", "Ada");
        Joined bob = s.join(s.guestToken("mod-2"), "Bob");
        dana.client().awaitType("lobby.entered");
        dana.client().roundTrip("before");
        int danaSeenBefore = dana.client().seen().size();

        String danaId = dana.participantId();
        List<ObjectNode> attempts = List.of(
                message("lobby.admit").put("participantId", bob.participantId()),
                message("lobby.admitAll"),
                message("lobby.deny").put("participantId", bob.participantId()),
                message("participant.setRole").put("participantId", ada.participantId()).put("role", "presenter"),
                message("participant.remove").put("participantId", danaId),
                message("participant.requestMute").put("participantId", danaId),
                message("meeting.end"));
        for (int i = 0; i < attempts.size(); i++) {
            ada.client().send(attempts.get(i).put("id", "f" + i));
            JsonNode error = ada.client().awaitError("forbidden");
            assertThat(error.get("re").asText()).isEqualTo("f" + i);
        }

        dana.client().roundTrip("after");
        assertThat(dana.client().seen().subList(danaSeenBefore, dana.client().seen().size()))
                .extracting(m -> m.get("type").asText()).containsExactly("pong");
        bob.client().roundTrip("still-waiting");
        assertThat(bob.client().seen()).extracting(m -> m.get("type").asText())
                .containsExactly("joined", "lobby.waiting", "pong");
        dana.client().send(message("chat.send").put("clientMessageId", "d1").put("text", "carry on"));
        assertThat(ada.client().awaitType("chat").get("text").asText()).isEqualTo("carry on");
        LobbyFlowTest.close(dana, ada, bob);
    }

    /** Once told, the meeting is over in storage too, and a token minted before cannot enter it. */
    private static void assertEndedForGood(MeetingScenario s, String spareToken) {
        Api.Response meeting = server.api().get(s.meetingPath(), "Authorization", bearer(s.accessToken()));
        assertThat(meeting.status()).isEqualTo(200);
        assertThat(meeting.json().get("state").asText()).isEqualTo("ended");
        WsClient late = WsClient.connect(s.signalingUrl());
        late.send(message("join").put("v", 1).put("token", spareToken).put("displayName", "Late"));
        assertThat(late.awaitType("error").get("code").asText()).isIn("token_revoked", "meeting_ended");
        assertThat(late.awaitClose()).isEqualTo(4008);
    }
}
