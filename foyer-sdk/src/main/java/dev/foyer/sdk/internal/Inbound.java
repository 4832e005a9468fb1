package dev.foyer.sdk.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The closed set of server message types (docs/protocol.md, "Messages from the server") and the
 * one dispatcher that routes each to its handler. Unknown types are ignored, so that a newer
 * server can add events without breaking older apps.
 */
final class Inbound {
    /** Types that carry a meeting {@code seq} and are processed at most once ({@code snapshot} excluded: it always applies). */
    static final Set<String> SEQUENCED = new HashSet<>(Arrays.asList(
            "participant.joined", "participant.updated", "participant.left", "lobby.entered", "lobby.left",
            "admitted", "denied", "chat", "mute.requested", "ended"));

    private Inbound() {}

    static void dispatch(Session s, String type, JsonObject m) {
        switch (type) {
            case "joined":
                s.onJoined(m);
                break;
            case "lobby.waiting":
                s.onLobbyWaiting(m);
                break;
            case "snapshot":
                s.onSnapshot(m);
                break;
            case "participant.joined":
            case "participant.updated":
                s.onParticipant(type, m);
                break;
            case "participant.left":
                s.onParticipantLeft(m);
                break;
            case "lobby.entered":
                s.onLobbyEntered(m);
                break;
            case "lobby.left":
                s.onLobbyLeft(m);
                break;
            case "admitted":
                break; // the snapshot that follows carries everything
            case "denied":
                s.onDenied(m);
                break;
            case "chat":
                s.committedLine(m);
                break;
            case "chat.ack":
                s.onChatAck(m);
                break;
            case "typing":
                s.onTyping(m);
                break;
            case "mute.requested":
                s.onMuteRequested(m);
                break;
            case "signal":
                s.onSignal(m);
                break;
            case "ended":
                s.onEnded(m);
                break;
            case "error":
                s.onError(m);
                break;
            default:
                break; // pong, and types this SDK does not know
        }
    }
}
