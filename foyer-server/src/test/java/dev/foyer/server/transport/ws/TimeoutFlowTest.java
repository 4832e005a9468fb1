package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.Api.bearer;
import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.RawWebSocket;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lobby timeout and the resume grace period, on a server where both are two seconds. */
class TimeoutFlowTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.lobbyTimeout(Duration.ofSeconds(2)).resumeGrace(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void lobbyTimeoutDeniesTheGuestWithLobbyTimeoutAnd4004() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("slowpoke"), "Ada");
        JsonNode waiting = ada.client().awaitType("lobby.waiting");
        assertThat(Duration.between(java.time.Instant.parse(waiting.get("since").asText()),
                java.time.Instant.parse(waiting.get("timeoutAt").asText()))).isEqualTo(Duration.ofSeconds(2));

        assertThat(ada.client().awaitType("denied").get("reason").asText()).isEqualTo("lobby_timeout");
        assertThat(ada.client().awaitClose()).isEqualTo(4004);
        JsonNode left = dana.client().awaitType("lobby.left");
        assertThat(left.get("outcome").asText()).isEqualTo("timeout");
        dana.client().close();
    }

    @Test
    void droppedParticipantLeavesWithTimeoutAfterTheGraceAndCannotResume() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined eve = s.presenter("Eve");
        dana.client().awaitType("participant.joined");

        eve.client().drop();
        JsonNode left = dana.client().awaitType("participant.left");
        assertThat(left.get("participantId").asText()).isEqualTo(eve.participantId());
        assertThat(left.get("reason").asText()).isEqualTo("timeout");

        WsClient late = WsClient.connect(s.signalingUrl());
        late.send(message("resume").put("v", 1).put("resumeToken", eve.resumeToken()).put("lastSeq", 0));
        late.awaitError("resume_failed");
        assertThat(late.awaitClose()).isEqualTo(4008);
        dana.client().close();
    }

    /**
     * A join is answered once its token's commit is done; a connection that closes meanwhile must
     * not leave its guest behind, connected to nothing: either the guest never enters, or it
     * enters dropped and leaves after the grace.
     */
    @Test
    void guestsWhoseConnectionsCloseWhileTheirJoinsWaitDoNotStayBehind() {
        // Straight into the meeting: nothing but the grace may see them out.
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        for (int i = 0; i < 20; i++) {
            try (RawWebSocket gone = RawWebSocket.connect(s.signalingUrl(), 65_536)) {
                gone.sendText(message("join").put("v", 1).put("token", s.guestToken("gone-" + i))
                        .put("displayName", "Gone " + i).toString());
            }
        }
        // Entries reach the meeting in the order their tokens were committed: once this one is in,
        // every guest above has entered or never will.
        Joined last = s.join(s.guestToken("last"), "Last");
        last.client().send(message("leave"));
        last.client().awaitClose();

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode meeting = server.api().get(s.meetingPath(), "Authorization", bearer(s.accessToken())).json();
            assertThat(meeting.get("participantCount").asInt()).as("participants").isEqualTo(1);
            assertThat(meeting.get("lobbyCount").asInt()).as("waiting in the lobby").isZero();
        });
        dana.client().close();
    }
}
