package dev.foyer.server.live;

/**
 * What a client asks of the meeting, parsed and shape-checked at the edge. Each carries the
 * client's optional request id ({@code id} on the wire), echoed on the reply it causes. Sender,
 * identity and role never come from here: the server stamps them from the connection.
 */
public sealed interface Command {
    /** The client's request id, or null. */
    String requestId();

    /**
     * First message of a new participant; {@code batch}: the client reads {@code batch} frames
     * (docs/protocol.md, "Batches").
     */
    record Join(String requestId, int version, String token, String displayName, boolean batch) implements Command {
        /** A join from a client that reads no {@code batch} frames. */
        public Join(String requestId, int version, String token, String displayName) {
            this(requestId, version, token, displayName, false);
        }

        @Override
        public String toString() {
            return "Join[version=" + version + ", displayName=" + displayName + ", batch=" + batch + "]";
        }
    }

    /** First message of a participant whose connection dropped; {@code batch} as for {@link Join}. */
    record Resume(String requestId, int version, String resumeToken, long lastSeq, boolean batch) implements Command {
        /** A resume from a client that reads no {@code batch} frames. */
        public Resume(String requestId, int version, String resumeToken, long lastSeq) {
            this(requestId, version, resumeToken, lastSeq, false);
        }

        @Override
        public String toString() {
            return "Resume[version=" + version + ", lastSeq=" + lastSeq + ", batch=" + batch + "]";
        }
    }

    record SendChat(String requestId, String clientMessageId, String text) implements Command {}

    record Typing(String requestId) implements Command {}

    /** A null field leaves that part of the media state unchanged. */
    record UpdateMedia(String requestId, Boolean audioMuted, Boolean videoMuted, Boolean screenSharing)
            implements Command {}

    /** WebRTC signaling to one participant; {@code dataJson} is the raw JSON object to relay. */
    record Signal(String requestId, String to, SignalKind kind, String dataJson) implements Command {}

    record Admit(String requestId, String participantId) implements Command {}

    record AdmitAll(String requestId) implements Command {}

    record Deny(String requestId, String participantId, String reason) implements Command {}

    record SetRole(String requestId, String participantId, Role role) implements Command {}

    record Remove(String requestId, String participantId, String reason) implements Command {}

    record RequestMute(String requestId, String participantId) implements Command {}

    record EndMeeting(String requestId, String reason) implements Command {}

    record Ping(String requestId) implements Command {}

    record Leave(String requestId) implements Command {}

    /** The kinds of WebRTC signaling message. */
    enum SignalKind {
        offer, answer, ice
    }
}
