package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frames the server must refuse without losing the connection, and the few that do close it. */
class ProtocolErrorTest {
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
    void messageBeforeJoinIsNotJoinedAndTheConnectionStaysUsable() {
        MeetingScenario s = new MeetingScenario(server);
        WsClient client = WsClient.connect(s.signalingUrl());
        client.send(message("chat.send").put("id", "c1").put("clientMessageId", "x").put("text", "hi"));
        assertThat(client.awaitError("not_joined").get("re").asText()).isEqualTo("c1");
        client.send(message("lobby.admitAll").put("id", "c2"));
        assertThat(client.awaitError("not_joined").get("re").asText()).isEqualTo("c2");

        String token = s.staffToken("pre-join", "Dana", "presenter");
        assertThat(client.join(token, "Dana").get("state").asText()).isEqualTo("established");
        client.awaitType("snapshot");
        client.close();
    }

    @Test
    void invalidJsonGetsAnErrorAndTheConnectionStaysUsable() {
        Joined dana = new MeetingScenario(server).presenter("Dana");
        for (String bad : new String[] {"{not json", "[1,2]", "\"type\"", "{\"type\":\"ping\",\"type\":\"ping\"}",
                "{\"type\":42}", "{}", "{\"type\":\"ping\"} trailing"}) {
            dana.client().send(bad);
            dana.client().awaitError("invalid_request");
        }
        dana.client().send(message("chat.send").put("id", "f").put("clientMessageId", 7).put("text", "x"));
        assertThat(dana.client().awaitError("invalid_field").get("re").asText()).isEqualTo("f");
        dana.client().send(message("chat.send").put("clientMessageId", "ok").put("text", "still here"));
        dana.client().awaitType("chat.ack");
        dana.client().close();
    }

    @Test
    void unknownTypeIsUnknownType() {
        Joined dana = new MeetingScenario(server).presenter("Dana");
        dana.client().send(message("meeting.explode").put("id", "u"));
        assertThat(dana.client().awaitError("unknown_type").get("re").asText()).isEqualTo("u");
        dana.client().roundTrip("alive");
        dana.client().close();
    }

    @Test
    void frameLargerThan64KiBClosesWith1009() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined eve = s.presenter("Eve");
        eve.client().send(message("chat.send").put("clientMessageId", "big").put("text", "x".repeat(70 * 1024)));
        assertThat(eve.client().awaitClose()).isEqualTo(1009);
        dana.client().roundTrip("unaffected");
        dana.client().close();
    }

    @Test
    void connectionWithoutJoinIsClosedWith4010After10Seconds() {
        WsClient idle = WsClient.connect(new MeetingScenario(server).signalingUrl());
        idle.send(message("ping").put("id", "p"));
        idle.awaitType("pong");
        assertThat(idle.awaitClose(Duration.ofSeconds(15))).isEqualTo(4010);
    }
}
