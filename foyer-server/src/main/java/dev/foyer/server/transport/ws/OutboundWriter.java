package dev.foyer.server.transport.ws;

import static dev.foyer.server.transport.ws.Shapes.instant;
import static dev.foyer.server.transport.ws.Shapes.string;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.Outbound;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The closed table of server message types (docs/protocol.md, "Messages from the server"): one
 * hand-written writer per {@link Outbound} record, so that serializing costs no reflection.
 * Every message is an object whose first field is {@code type}.
 */
final class OutboundWriter {
    /** Writes the fields of one message type, after {@code type}. */
    @FunctionalInterface
    private interface Body<T> {
        void write(JsonGenerator g, T message) throws IOException;
    }

    private record Entry<T>(String type, Body<T> body) {}

    private final Map<Class<?>, Entry<?>> entries = new HashMap<>();

    OutboundWriter() {
        on(Outbound.Joined.class, "joined", (g, m) -> {
            string(g, "re", m.re());
            g.writeNumberField("v", m.version());
            string(g, "participantId", m.participantId());
            string(g, "resumeToken", m.resumeToken());
            g.writeStringField("state", m.inLobby() ? "lobby" : "established");
            Shapes.participant(g, "self", m.self());
            g.writeObjectFieldStart("meeting");
            string(g, "onlineMeetingId", m.meeting().onlineMeetingId());
            string(g, "subject", m.meeting().subject());
            Shapes.policy(g, m.meeting().policy());
            g.writeEndObject();
            g.writeNumberField("seq", m.seq());
            Shapes.iceServers(g, m.iceServers());
        });
        on(Outbound.LobbyWaiting.class, "lobby.waiting", (g, m) -> {
            instant(g, "since", m.since());
            instant(g, "timeoutAt", m.timeoutAt());
            g.writeObjectFieldStart("reason");
            string(g, "code", m.reason().code());
            string(g, "message", m.reason().message());
            g.writeEndObject();
        });
        on(Outbound.Snapshot.class, "snapshot", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            Shapes.participants(g, "participants", m.participants());
            if (m.lobby() != null) {
                Shapes.participants(g, "lobby", m.lobby());
            }
            g.writeArrayFieldStart("chat");
            if (m.chat() != null) {
                for (ChatRecord line : m.chat()) {
                    g.writeStartObject();
                    g.writeNumberField("seq", line.seq());
                    Shapes.chatLine(g, line);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
        on(Outbound.ParticipantJoined.class, "participant.joined", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            Shapes.participant(g, "participant", m.participant());
        });
        on(Outbound.ParticipantUpdated.class, "participant.updated", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            Shapes.participant(g, "participant", m.participant());
        });
        on(Outbound.ParticipantLeft.class, "participant.left", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "participantId", m.participantId());
            string(g, "reason", m.reason());
        });
        on(Outbound.LobbyEntered.class, "lobby.entered", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            Shapes.participant(g, "participant", m.participant());
        });
        on(Outbound.LobbyLeft.class, "lobby.left", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "participantId", m.participantId());
            string(g, "outcome", m.outcome());
        });
        on(Outbound.Admitted.class, "admitted", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "by", m.by());
        });
        on(Outbound.Denied.class, "denied", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "reason", m.reason());
        });
        on(Outbound.Chat.class, "chat", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            Shapes.chatLine(g, m.line());
        });
        on(Outbound.ChatAck.class, "chat.ack", (g, m) -> {
            string(g, "re", m.re());
            string(g, "clientMessageId", m.clientMessageId());
            string(g, "messageId", m.messageId());
            g.writeNumberField("seq", m.seq());
        });
        on(Outbound.Typing.class, "typing", (g, m) -> string(g, "from", m.from()));
        on(Outbound.MuteRequested.class, "mute.requested", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "by", m.by());
        });
        on(Outbound.Signal.class, "signal", (g, m) -> {
            string(g, "from", m.from());
            string(g, "kind", m.kind() == null ? null : m.kind().name());
            if (m.dataJson() != null) {
                // Compact JSON object text that WireCodec.parse produced from a client's signal: well-formed.
                g.writeFieldName("data");
                g.writeRawValue(m.dataJson());
            }
        });
        on(Outbound.Ended.class, "ended", (g, m) -> {
            g.writeNumberField("seq", m.seq());
            string(g, "reason", m.reason());
        });
        on(Outbound.Error.class, "error", (g, m) -> {
            string(g, "code", m.code());
            string(g, "message", m.message());
            string(g, "re", m.re());
        });
        on(Outbound.Pong.class, "pong", (g, m) -> string(g, "re", m.re()));
    }

    /** Writes {@code message} as one JSON object. */
    void write(JsonGenerator g, Outbound message) throws IOException {
        Entry<?> entry = entries.get(message.getClass());
        if (entry == null) {
            throw new IllegalArgumentException("no writer for " + message.getClass().getName());
        }
        g.writeStartObject();
        g.writeStringField("type", entry.type());
        writeBody(g, entry, message);
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked") // the table maps each class to a body of that class
    private static <T> void writeBody(JsonGenerator g, Entry<T> entry, Outbound message) throws IOException {
        entry.body().write(g, (T) message);
    }

    private <T extends Outbound> void on(Class<T> type, String wireType, Body<T> body) {
        entries.put(type, new Entry<>(wireType, body));
    }
}
