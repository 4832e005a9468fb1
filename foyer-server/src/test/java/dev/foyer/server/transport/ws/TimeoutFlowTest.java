package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
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
}
