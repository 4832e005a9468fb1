package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.protocol.CloseCodes;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.RawWebSocket;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat on a server whose signaling idle timeout is 3 s (a ping every second) and resume
 * grace 2 s: a client that answers the pings stays, however quiet; one that stops answering is
 * closed with 1001 and, after the grace, leaves the meeting.
 */
class HeartbeatFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.signalingIdleTimeout(Duration.ofSeconds(3)).resumeGrace(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aQuietClientThatAnswersPingsStays() throws Exception {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana"); // OkHttp answers every ping with a pong, as WebSocket stacks do

        Thread.sleep(7_000); // over twice the idle timeout without a message

        assertThat(dana.client().isClosed()).isFalse();
        dana.client().roundTrip("still-here");
        dana.client().close();
    }

    @Test
    void aClientThatStopsAnsweringIsClosedWith1001AndLeavesAfterTheGrace() throws Exception {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        RawWebSocket silent = RawWebSocket.connect(s.signalingUrl(), 64 * 1024); // reads, never answers a ping
        silent.sendText(message("join").put("v", 1).put("token", s.guestToken("silent")).put("displayName", "Sid")
                .toString());
        String silentId = JSON.readTree(silent.awaitText("\"joined\"")).get("participantId").asText();
        long start = System.nanoTime();

        List<Integer> opcodes = new ArrayList<>();
        RawWebSocket.Frame f = silent.readFrame();
        while (f != null && !f.isClose() && System.nanoTime() - start < 10_000_000_000L) {
            opcodes.add(f.opcode());
            f = silent.readFrame();
        }
        long closedAfterMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(f).as("a close frame").isNotNull();
        assertThat(f.isClose()).as("a close frame within 10 s, after %s", opcodes).isTrue();
        assertThat(f.closeCode()).isEqualTo(CloseCodes.IDLE);
        assertThat(opcodes).as("pings before the close").contains(0x9);
        assertThat(closedAfterMs).as("closed once silent for the idle timeout").isBetween(2_500L, 6_000L);
        assertThat(silent.readFrame()).as("then cut, with no close frame back awaited").isNull();

        JsonNode left = dana.client().await(m -> "participant.left".equals(m.path("type").asText())
                && silentId.equals(m.path("participantId").asText()), "the silent guest's participant.left");
        assertThat(left.get("reason").asText()).isEqualTo("timeout");
        dana.client().close();
    }
}
