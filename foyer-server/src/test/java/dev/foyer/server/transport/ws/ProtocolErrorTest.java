package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.RawWebSocket;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
    void aTextMessageInFragmentsIsOneMessage() {
        try (RawWebSocket raw = RawWebSocket.connect(new MeetingScenario(server).signalingUrl(), 64 * 1024)) {
            // "é" split between fragments: its two bytes are one character once joined.
            byte[] ping = "{\"type\":\"ping\",\"id\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
            int split = "{\"type\":\"ping\",\"id\":\"caf".length() + 1;
            raw.sendFrame(0x1, false, Arrays.copyOfRange(ping, 0, 5));
            raw.sendFrame(0x9, true, new byte[] {1, 2}); // a ping may come between fragments
            raw.sendFrame(0x0, false, Arrays.copyOfRange(ping, 5, split));
            raw.sendFrame(0x0, true, Arrays.copyOfRange(ping, split, ping.length));
            RawWebSocket.Frame pong = raw.readFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.payload()).containsExactly(1, 2);
            assertThat(raw.awaitText("\"pong\"")).contains("\"re\":\"caf\u00e9\"");
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() {
        try (RawWebSocket raw = RawWebSocket.connect(new MeetingScenario(server).signalingUrl(), 64 * 1024)) {
            // An overlong "/" (0xC0 0xAF): Java's lenient decoding would make it U+FFFD and carry on.
            raw.sendFrame(0x1, true, new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
            assertThat(raw.awaitClose()).isEqualTo(1007);
        }
        try (RawWebSocket raw = RawWebSocket.connect(new MeetingScenario(server).signalingUrl(), 64 * 1024)) {
            // A character cut off at the end of the message, which fragments had not completed.
            raw.sendFrame(0x1, false, "{\"type\":\"ping\"".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(0x0, true, new byte[] {'}', (byte) 0xE2, (byte) 0x82});
            assertThat(raw.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void validTextWithAReplacementCharacterIsNotRefused() {
        WsClient client = WsClient.connect(new MeetingScenario(server).signalingUrl());
        client.send(message("ping").put("id", "\uFFFD"));
        assertThat(client.awaitType("pong").get("re").asText()).isEqualTo("\uFFFD");
        client.close();
    }

    @Test
    void fragmentsAddingUpToMoreThan64KiBCloseWith1009() {
        try (RawWebSocket raw = RawWebSocket.connect(new MeetingScenario(server).signalingUrl(), 64 * 1024)) {
            byte[] part = new byte[40 * 1024];
            Arrays.fill(part, (byte) 'x');
            raw.sendFrame(0x1, false, part);
            raw.sendFrame(0x0, true, part);
            assertThat(raw.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void binaryMessagesAreIgnoredUpTo1KiBAndCloseWith1009Above() {
        try (RawWebSocket raw = RawWebSocket.connect(new MeetingScenario(server).signalingUrl(), 64 * 1024)) {
            raw.sendFrame(0x2, true, new byte[SignalingEndpoint.MAX_BINARY_BYTES]);
            raw.sendText("{\"type\":\"ping\",\"id\":\"after-binary\"}");
            assertThat(raw.awaitText("\"pong\"")).contains("after-binary");
            raw.sendFrame(0x2, false, new byte[SignalingEndpoint.MAX_BINARY_BYTES]);
            raw.sendFrame(0x0, true, new byte[1]);
            assertThat(raw.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void connectionWithoutJoinIsClosedWith4010After10Seconds() {
        WsClient idle = WsClient.connect(new MeetingScenario(server).signalingUrl());
        idle.send(message("ping").put("id", "p"));
        idle.awaitType("pong");
        assertThat(idle.awaitClose(Duration.ofSeconds(15))).isEqualTo(4010);
    }
}
