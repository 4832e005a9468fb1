package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The closed table of client message types (docs/protocol.md, "Messages from the client") and
 * the shape of each. Fields not named here are ignored, including any that claim an identity
 * ({@code from}, {@code sender}, {@code participant}, {@code role} on {@code chat.send}): the
 * server stamps those from the connection.
 */
final class CommandReader {
    static final int MAX_TOKEN_CHARS = 8192;
    static final int MAX_CLIENT_MESSAGE_ID_CHARS = 64;
    static final int MAX_REASON_CHARS = 200;
    static final int MAX_SIGNAL_DATA_BYTES = 32 * 1024;
    /** Displayed names, ids and the like: the domain validates content; this only bounds the size. */
    private static final int MAX_TEXT_CHARS = Protocol.MAX_FRAME_BYTES;
    /** A type name harmless to repeat in an error message. */
    private static final Pattern PRINTABLE_TYPE = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final Map<String, Function<Fields, Command>> readers = new HashMap<>();
    /** Writes relayed signal data compactly; thread-safe. */
    private final ObjectWriter compact;

    CommandReader(ObjectWriter compact) {
        this.compact = compact;
        on("join", f -> new Command.Join(f.requestId(), f.saturatedInt("v"),
                f.string("token", 0, MAX_TOKEN_CHARS), f.string("displayName", 0, MAX_TEXT_CHARS), batch(f)));
        on("resume", f -> new Command.Resume(f.requestId(), f.saturatedInt("v"),
                f.string("resumeToken", 0, MAX_TOKEN_CHARS), f.nonNegativeLong("lastSeq"), batch(f)));
        on("chat.send", f -> new Command.SendChat(f.requestId(),
                f.string("clientMessageId", 1, MAX_CLIENT_MESSAGE_ID_CHARS),
                f.string("text", 0, Protocol.MAX_CHAT_CHARS)));
        on("typing", f -> new Command.Typing(f.requestId()));
        on("media.update", CommandReader::mediaUpdate);
        on("signal", this::signal);
        on("lobby.admit", f -> new Command.Admit(f.requestId(), participantId(f)));
        on("lobby.admitAll", f -> new Command.AdmitAll(f.requestId()));
        on("lobby.deny", f -> new Command.Deny(f.requestId(), participantId(f), reason(f)));
        on("participant.setRole", f -> new Command.SetRole(f.requestId(), participantId(f), role(f)));
        on("participant.remove", f -> new Command.Remove(f.requestId(), participantId(f), reason(f)));
        on("participant.requestMute", f -> new Command.RequestMute(f.requestId(), participantId(f)));
        on("meeting.end", f -> new Command.EndMeeting(f.requestId(), reason(f)));
        on("ping", f -> new Command.Ping(f.requestId()));
        on("leave", f -> new Command.Leave(f.requestId()));
    }

    /** The command for a message of {@code type}; {@link ErrorCode#UNKNOWN_TYPE} if there is no such type. */
    Command read(String type, Fields fields) {
        Function<Fields, Command> reader = readers.get(type);
        if (reader == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, fields.requestId(),
                    PRINTABLE_TYPE.matcher(type).matches() ? "unknown type " + type : "unknown type");
        }
        return reader.apply(fields);
    }

    private void on(String type, Function<Fields, Command> reader) {
        readers.put(type, reader);
    }

    private static Command mediaUpdate(Fields f) {
        Boolean audio = f.optionalBoolean("audioMuted");
        Boolean video = f.optionalBoolean("videoMuted");
        Boolean screen = f.optionalBoolean("screenSharing");
        if (audio == null && video == null && screen == null) {
            throw f.invalid("media.update needs audioMuted, videoMuted or screenSharing");
        }
        return new Command.UpdateMedia(f.requestId(), audio, video, screen);
    }

    private Command signal(Fields f) {
        String to = f.string("to", 1, MAX_TEXT_CHARS);
        Command.SignalKind kind = switch (f.string("kind", 0, MAX_TEXT_CHARS)) {
            case "offer" -> Command.SignalKind.offer;
            case "answer" -> Command.SignalKind.answer;
            case "ice" -> Command.SignalKind.ice;
            default -> throw f.invalid("kind must be offer, answer or ice");
        };
        ObjectNode data = f.object("data");
        String dataJson;
        try {
            dataJson = compact.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written", e);
        }
        if (Utf8.exceeds(dataJson, MAX_SIGNAL_DATA_BYTES)) {
            throw f.invalid("data must be at most " + MAX_SIGNAL_DATA_BYTES + " bytes");
        }
        return new Command.Signal(f.requestId(), to, kind, dataJson);
    }

    /** Whether the client reads {@code batch} frames: an optional boolean, false when absent. */
    private static boolean batch(Fields f) {
        return Boolean.TRUE.equals(f.optionalBoolean("batch"));
    }

    private static String participantId(Fields f) {
        return f.string("participantId", 1, MAX_TEXT_CHARS);
    }

    private static String reason(Fields f) {
        return f.optionalString("reason", MAX_REASON_CHARS);
    }

    private static Role role(Fields f) {
        return switch (f.string("role", 0, MAX_TEXT_CHARS)) {
            case "presenter" -> Role.PRESENTER;
            case "attendee" -> Role.ATTENDEE;
            default -> throw f.invalid("role must be presenter or attendee");
        };
    }
}
