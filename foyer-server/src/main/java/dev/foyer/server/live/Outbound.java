package dev.foyer.server.live;

import dev.foyer.server.discovery.IceServer;
import dev.foyer.server.meeting.MeetingPolicy;
import java.time.Instant;
import java.util.List;

/**
 * Everything the server says to a client. {@link Sequenced} messages are meeting events with a
 * per-meeting {@code seq}; the rest are replies to one connection and are never replayed.
 */
public sealed interface Outbound {

    /** A meeting event, numbered in the meeting's sequence. */
    sealed interface Sequenced extends Outbound {
        long seq();
    }

    /** {@code iceServers} carries TURN credentials for this participant; never logged. */
    record Joined(String re, int version, String participantId, String resumeToken, boolean inLobby,
            ParticipantView self, MeetingSummary meeting, long seq, List<IceServer> iceServers) implements Outbound {
        public Joined {
            iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        }

        public Joined(String re, int version, String participantId, String resumeToken, boolean inLobby,
                ParticipantView self, MeetingSummary meeting, long seq) {
            this(re, version, participantId, resumeToken, inLobby, self, meeting, seq, List.of());
        }

        @Override
        public String toString() {
            return "Joined[participantId=" + participantId + ", inLobby=" + inLobby + ", seq=" + seq + "]";
        }
    }

    record MeetingSummary(String onlineMeetingId, String subject, MeetingPolicy policy) {}

    /** Why a guest waits: a stable code and a sentence to show. */
    record LobbyReason(String code, String message) {}

    record LobbyWaiting(Instant since, Instant timeoutAt, LobbyReason reason) implements Outbound {}

    /** {@code lobby} is null for participants who are not presenters. */
    record Snapshot(long seq, List<ParticipantView> participants, List<ParticipantView> lobby,
            List<ChatRecord> chat) implements Sequenced {}

    record ParticipantJoined(long seq, ParticipantView participant) implements Sequenced {}

    record ParticipantUpdated(long seq, ParticipantView participant) implements Sequenced {}

    record ParticipantLeft(long seq, String participantId, String reason) implements Sequenced {}

    record LobbyEntered(long seq, ParticipantView participant) implements Sequenced {}

    record LobbyLeft(long seq, String participantId, String outcome) implements Sequenced {}

    record Admitted(long seq, String by) implements Sequenced {}

    record Denied(long seq, String reason) implements Sequenced {}

    record Chat(long seq, ChatRecord line) implements Sequenced {}

    record ChatAck(String re, String clientMessageId, String messageId, long seq) implements Outbound {}

    record Typing(String from) implements Outbound {}

    record MuteRequested(long seq, String by) implements Sequenced {}

    record Signal(String from, Command.SignalKind kind, String dataJson) implements Outbound {}

    record Ended(long seq, String reason) implements Sequenced {}

    record Error(String re, String code, String message) implements Outbound {}

    record Pong(String re) implements Outbound {}
}
