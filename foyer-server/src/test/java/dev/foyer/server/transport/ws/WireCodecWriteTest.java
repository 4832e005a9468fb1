package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Outbound;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.live.Role;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outbound messages to frames: one test per server type, read back with a plain ObjectMapper. */
class WireCodecWriteTest {
    private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-28T15:00:01.250Z");
    private static final ParticipantView ADA =
            new ParticipantView("p_ada", "Ada", Role.GUEST, true, false, true, false, T0, null);
    private static final ParticipantView BOB =
            new ParticipantView("p_bob", "Bob", Role.PRESENTER, false, true, false, true, T1, null);
    private static final ParticipantView WAITING =
            new ParticipantView("p_eve", "Eve", Role.GUEST, true, true, true, false, T0, T1);
    private static final MeetingId MEETING = MeetingId.random();
    private static final ChatRecord LINE = new ChatRecord(MEETING, 10, "m_1", "p_ada", "Ada", "c-1", "Hello!", T1);

    private final WireCodec codec = new WireCodec();
    private final ObjectMapper plain = new ObjectMapper();

    private JsonNode write(Outbound message, String expectedType) throws Exception {
        String frame = write(message);
        assertThat(frame).startsWith("{\"type\":\"" + expectedType + "\"");
        return plain.readTree(frame);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertParticipant(JsonNode p, ParticipantView v) {
        assertThat(p.get("participantId").asText()).isEqualTo(v.participantId());
        assertThat(p.get("displayName").asText()).isEqualTo(v.displayName());
        assertThat(p.get("role").asText()).isEqualTo(v.role().wireName());
        assertThat(p.get("guest").booleanValue()).isEqualTo(v.guest());
        assertThat(p.get("audioMuted").booleanValue()).isEqualTo(v.audioMuted());
        assertThat(p.get("videoMuted").booleanValue()).isEqualTo(v.videoMuted());
        assertThat(p.get("screenSharing").booleanValue()).isEqualTo(v.screenSharing());
        assertThat(p.get("joinedAt").asText()).isEqualTo(v.joinedAt().toString());
        if (v.waitingSince() == null) {
            assertThat(p.has("waitingSince")).isFalse();
        } else {
            assertThat(p.get("waitingSince").asText()).isEqualTo(v.waitingSince().toString());
        }
    }

    @Test
    void joined() throws Exception {
        MeetingPolicy policy = new MeetingPolicy(AccessLevel.Invited, LobbyBypass.Everyone, AutomaticLeaderAssignment.Disabled);
        JsonNode j = write(new Outbound.Joined("r1", 1, "p_ada", "rt_x", true, ADA,
                new Outbound.MeetingSummary("WNXR8RMTZC0KR", "Mortgage advice", policy), 7), "joined");
        assertThat(j.get("re").asText()).isEqualTo("r1");
        assertThat(j.get("v").intValue()).isEqualTo(1);
        assertThat(j.get("participantId").asText()).isEqualTo("p_ada");
        assertThat(j.get("resumeToken").asText()).isEqualTo("rt_x");
        assertThat(j.get("state").asText()).isEqualTo("lobby");
        assertParticipant(j.get("self"), ADA);
        assertThat(j.get("meeting").get("onlineMeetingId").asText()).isEqualTo("WNXR8RMTZC0KR");
        assertThat(j.get("meeting").get("subject").asText()).isEqualTo("Mortgage advice");
        assertThat(j.get("meeting").get("policy")).isEqualTo(plain.readTree(
                "{\"accessLevel\":\"Invited\",\"lobbyBypass\":\"Everyone\",\"automaticLeaderAssignment\":\"Disabled\"}"));
        assertThat(j.get("seq").longValue()).isEqualTo(7);

        JsonNode established = write(new Outbound.Joined(null, 1, "p_bob", "rt_y", false, BOB,
                new Outbound.MeetingSummary("WNXR8RMTZC0KR", "s", MeetingPolicy.DEFAULT), 8), "joined");
        assertThat(established.get("state").asText()).isEqualTo("established");
        assertThat(established.has("re")).isFalse();
    }

    @Test
    void lobbyWaiting() throws Exception {
        JsonNode j = write(new Outbound.LobbyWaiting(T0, T1,
                new Outbound.LobbyReason("lobby_policy", "Guests wait until a presenter admits them.")), "lobby.waiting");
        assertThat(j.get("since").asText()).isEqualTo("2026-11-28T15:00:00Z");
        assertThat(j.get("timeoutAt").asText()).isEqualTo("2026-11-28T15:00:01.250Z");
        assertThat(j.get("reason").get("code").asText()).isEqualTo("lobby_policy");
        assertThat(j.get("reason").get("message").asText()).isEqualTo("Guests wait until a presenter admits them.");
    }

    @Test
    void snapshotForAPresenter() throws Exception {
        JsonNode j = write(new Outbound.Snapshot(9, List.of(ADA, BOB), List.of(WAITING), List.of(LINE)), "snapshot");
        assertThat(j.get("seq").longValue()).isEqualTo(9);
        assertThat(j.get("participants")).hasSize(2);
        assertParticipant(j.get("participants").get(0), ADA);
        assertParticipant(j.get("participants").get(1), BOB);
        assertParticipant(j.get("lobby").get(0), WAITING);
        JsonNode line = j.get("chat").get(0);
        assertThat(fieldNames(line))
                .containsExactly("seq", "messageId", "clientMessageId", "from", "fromName", "text", "sentAt");
        assertThat(line.get("seq").longValue()).isEqualTo(10);
        assertThat(line.get("from").asText()).isEqualTo("p_ada");
        assertThat(line.get("fromName").asText()).isEqualTo("Ada");
    }

    @Test
    void snapshotWithoutLobbyOmitsIt() throws Exception {
        JsonNode j = write(new Outbound.Snapshot(9, List.of(ADA), null, List.of()), "snapshot");
        assertThat(j.has("lobby")).isFalse();
        assertThat(j.get("chat").isArray()).isTrue();
        assertThat(j.get("chat")).isEmpty();
    }

    @Test
    void participantJoined() throws Exception {
        JsonNode j = write(new Outbound.ParticipantJoined(11, BOB), "participant.joined");
        assertThat(j.get("seq").longValue()).isEqualTo(11);
        assertParticipant(j.get("participant"), BOB);
    }

    @Test
    void participantUpdated() throws Exception {
        JsonNode j = write(new Outbound.ParticipantUpdated(12, ADA), "participant.updated");
        assertThat(j.get("seq").longValue()).isEqualTo(12);
        assertParticipant(j.get("participant"), ADA);
    }

    @Test
    void participantLeft() throws Exception {
        JsonNode j = write(new Outbound.ParticipantLeft(13, "p_bob", "removed"), "participant.left");
        assertThat(fieldNames(j)).containsExactly("type", "seq", "participantId", "reason");
        assertThat(j.get("participantId").asText()).isEqualTo("p_bob");
        assertThat(j.get("reason").asText()).isEqualTo("removed");
    }

    @Test
    void lobbyEntered() throws Exception {
        JsonNode j = write(new Outbound.LobbyEntered(14, WAITING), "lobby.entered");
        assertThat(j.get("seq").longValue()).isEqualTo(14);
        assertParticipant(j.get("participant"), WAITING);
        assertThat(j.get("participant").get("waitingSince").asText()).isEqualTo("2026-11-28T15:00:01.250Z");
    }

    @Test
    void lobbyLeft() throws Exception {
        JsonNode j = write(new Outbound.LobbyLeft(15, "p_eve", "admitted"), "lobby.left");
        assertThat(j.get("seq").longValue()).isEqualTo(15);
        assertThat(j.get("participantId").asText()).isEqualTo("p_eve");
        assertThat(j.get("outcome").asText()).isEqualTo("admitted");
    }

    @Test
    void admitted() throws Exception {
        JsonNode j = write(new Outbound.Admitted(16, "p_bob"), "admitted");
        assertThat(j.get("seq").longValue()).isEqualTo(16);
        assertThat(j.get("by").asText()).isEqualTo("p_bob");
    }

    @Test
    void denied() throws Exception {
        JsonNode j = write(new Outbound.Denied(17, "lobby_timeout"), "denied");
        assertThat(j.get("seq").longValue()).isEqualTo(17);
        assertThat(j.get("reason").asText()).isEqualTo("lobby_timeout");
    }

    @Test
    void chat() throws Exception {
        JsonNode j = write(new Outbound.Chat(10, LINE), "chat");
        assertThat(fieldNames(j))
                .containsExactly("type", "seq", "messageId", "clientMessageId", "from", "fromName", "text", "sentAt");
        assertThat(j.get("seq").longValue()).isEqualTo(10);
        assertThat(j.get("messageId").asText()).isEqualTo("m_1");
        assertThat(j.get("clientMessageId").asText()).isEqualTo("c-1");
        assertThat(j.get("from").asText()).isEqualTo("p_ada");
        assertThat(j.get("fromName").asText()).isEqualTo("Ada");
        assertThat(j.get("text").asText()).isEqualTo("Hello!");
        assertThat(j.get("sentAt").asText()).isEqualTo("2026-11-28T15:00:01.250Z");
    }

    @Test
    void chatAck() throws Exception {
        JsonNode j = write(new Outbound.ChatAck("1", "c-1", "m_1", 10), "chat.ack");
        assertThat(fieldNames(j)).containsExactly("type", "re", "clientMessageId", "messageId", "seq");
        assertThat(j.get("re").asText()).isEqualTo("1");
        assertThat(j.get("seq").longValue()).isEqualTo(10);
    }

    @Test
    void typing() throws Exception {
        JsonNode j = write(new Outbound.Typing("p_ada"), "typing");
        assertThat(fieldNames(j)).containsExactly("type", "from");
        assertThat(j.get("from").asText()).isEqualTo("p_ada");
    }

    @Test
    void muteRequested() throws Exception {
        JsonNode j = write(new Outbound.MuteRequested(18, "p_bob"), "mute.requested");
        assertThat(j.get("seq").longValue()).isEqualTo(18);
        assertThat(j.get("by").asText()).isEqualTo("p_bob");
    }

    @Test
    void signalEmbedsItsDataAsAnObject() throws Exception {
        String dataJson = "{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\",\"n\":[1,2.50]}";
        String frame = write(new Outbound.Signal("p_ada", Command.SignalKind.offer, dataJson));
        assertThat(frame).isEqualTo("{\"type\":\"signal\",\"from\":\"p_ada\",\"kind\":\"offer\",\"data\":" + dataJson + "}");
        JsonNode j = plain.readTree(frame);
        assertThat(j.get("data").isObject()).isTrue();
        assertThat(j.get("data").get("sdp").asText()).isEqualTo("v=0\r\no=- 1 2 IN IP4 0.0.0.0");
    }

    @Test
    void signalRelaysWhatParseProduced() throws Exception {
        Command.Signal in = (Command.Signal) codec.parse(
                "{\"type\":\"signal\",\"to\":\"p_bob\",\"kind\":\"ice\",\"data\":{\"candidate\":\"a=\\\"x\\\"\",\"sdpMLineIndex\":0}}");
        JsonNode j = write(new Outbound.Signal("p_ada", in.kind(), in.dataJson()), "signal");
        assertThat(j.get("kind").asText()).isEqualTo("ice");
        assertThat(j.get("data")).isEqualTo(plain.readTree("{\"candidate\":\"a=\\\"x\\\"\",\"sdpMLineIndex\":0}"));
    }

    @Test
    void ended() throws Exception {
        JsonNode j = write(new Outbound.Ended(19, "organizer"), "ended");
        assertThat(j.get("seq").longValue()).isEqualTo(19);
        assertThat(j.get("reason").asText()).isEqualTo("organizer");
    }

    @Test
    void error() throws Exception {
        JsonNode j = write(new Outbound.Error("r9", ErrorCode.UNKNOWN_TYPE.wireName(), "unknown type"), "error");
        assertThat(fieldNames(j)).containsExactly("type", "code", "message", "re");
        assertThat(j.get("code").asText()).isEqualTo("unknown_type");
        assertThat(j.get("message").asText()).isEqualTo("unknown type");
        assertThat(j.get("re").asText()).isEqualTo("r9");
    }

    @Test
    void nullReIsOmitted() {
        assertThat(write(new Outbound.Error(null, "invalid_request", "frame must be a JSON object")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"invalid_request\",\"message\":\"frame must be a JSON object\"}");
        assertThat(write(new Outbound.Pong(null))).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void pong() throws Exception {
        JsonNode j = write(new Outbound.Pong("p1"), "pong");
        assertThat(fieldNames(j)).containsExactly("type", "re");
        assertThat(j.get("re").asText()).isEqualTo("p1");
    }

    @Test
    void specialCharactersAreEscaped() throws Exception {
        String text = "He said \"hi\" \\ </script><script>alert(1)</script> \n\t\u0000\u001f é 日本 😀 \u2028";
        ChatRecord line = new ChatRecord(MEETING, 20, "m_2", "p_ada", "Ada \"the\" <b>", "c-2", text, T1);
        String frame = write(new Outbound.Chat(20, line));
        assertThat(frame).contains("He said \\\"hi\\\" \\\\").contains("\\n\\t\\u0000\\u001F");
        assertThat(frame.chars()).noneMatch(c -> c < 0x20);
        JsonNode j = plain.readTree(frame);
        assertThat(j.get("text").asText()).isEqualTo(text);
        assertThat(j.get("fromName").asText()).isEqualTo("Ada \"the\" <b>");
    }

    @Test
    void theWireBytesAreTheFrameInUtf8() throws Exception {
        String text = "Grüße, 日本 😀 \u2028 \"quoted\"";
        Outbound chat = new Outbound.Chat(20, new ChatRecord(MEETING, 20, "m_2", "p_ada", "Zoë", "c-2", text, T1));
        byte[] wire = codec.writeUtf8(chat);
        // Strict UTF-8, with characters beyond ASCII as their own bytes rather than escaped.
        String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(wire)).toString();
        assertThat(decoded).contains("Grüße, 日本 😀").contains("\"fromName\":\"Zoë\"");
        assertThat(plain.readTree(wire).get("text").asText()).isEqualTo(text);
        // Longer than the first buffer: a snapshot of a full roster grows it.
        String longText = "x".repeat(5_000) + "é";
        byte[] big = codec.writeUtf8(new Outbound.Chat(21, new ChatRecord(MEETING, 21, "m_3", "p_ada", "Zoë", "c-3",
                longText, T1)));
        assertThat(plain.readTree(big).get("text").asText()).isEqualTo(longText);
    }

    @Test
    void aThreadsBufferCarriesNothingFromOneFrameToTheNext() throws Exception {
        Outbound small = new Outbound.Chat(20, new ChatRecord(MEETING, 20, "m_2", "p_ada", "Ada", "c-2", "hi", T1));
        String expected = write(small);
        for (int size : new int[] {10_000, 100_000, 10}) { // kept, dropped (over 64 KiB), kept
            String text = "y".repeat(size);
            byte[] frame = codec.writeUtf8(new Outbound.Chat(21, new ChatRecord(MEETING, 21, "m_3", "p_ada", "Ada",
                    "c-3", text, T1)));
            assertThat(plain.readTree(frame).get("text").asText()).isEqualTo(text);
            assertThat(new String(codec.writeUtf8(small), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void everyOutboundTypeHasAWriter() {
        List<Outbound> samples = List.of(
                new Outbound.Joined(null, 1, "p", "rt", false, ADA, new Outbound.MeetingSummary("M", "s", MeetingPolicy.DEFAULT), 1),
                new Outbound.LobbyWaiting(T0, T1, new Outbound.LobbyReason("c", "m")),
                new Outbound.Snapshot(1, List.of(), null, List.of()), new Outbound.ParticipantJoined(1, ADA),
                new Outbound.ParticipantUpdated(1, ADA), new Outbound.ParticipantLeft(1, "p", "left"),
                new Outbound.LobbyEntered(1, WAITING), new Outbound.LobbyLeft(1, "p", "denied"), new Outbound.Admitted(1, "p"),
                new Outbound.Denied(1, "r"), new Outbound.Chat(1, LINE), new Outbound.ChatAck(null, "c", "m", 1),
                new Outbound.Typing("p"), new Outbound.MuteRequested(1, "p"),
                new Outbound.Signal("p", Command.SignalKind.ice, "{}"), new Outbound.Ended(1, "r"),
                new Outbound.Error(null, "internal", "m"), new Outbound.Pong(null));
        List<Class<?>> concrete = new ArrayList<>();
        for (Class<?> c : Outbound.class.getPermittedSubclasses()) {
            if (c.isInterface()) {
                concrete.addAll(List.of(c.getPermittedSubclasses()));
            } else {
                concrete.add(c);
            }
        }
        assertThat(samples.stream().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(concrete);
        for (Outbound message : samples) {
            assertThat(write(message)).startsWith("{\"type\":\"");
        }
    }

    /** The frame as text, for assertions on its characters. */
    private String write(Outbound message) {
        return new String(codec.writeUtf8(message), StandardCharsets.UTF_8);
    }
}
