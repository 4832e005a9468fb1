package dev.foyer.server.meeting;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port to the live side of meetings (the WebSocket sessions): how many are in a meeting, who,
 * a way to end it for everyone, and the application's hand on the lobby. The HTTP side depends
 * only on this interface.
 */
public interface LiveMeetings {
    /** Nobody is ever live: the state before any real-time transport is attached. */
    LiveMeetings NONE = new LiveMeetings() {
        @Override
        public LiveCounts counts(MeetingId id) {
            return LiveCounts.EMPTY;
        }

        @Override
        public void end(MeetingId id, String reason) {}

        @Override
        public CompletableFuture<LiveState> state(MeetingId id) {
            return CompletableFuture.completedFuture(LiveState.NOT_LIVE);
        }

        @Override
        public CompletableFuture<LobbyOutcome> decide(MeetingId id, String participantId, boolean admit,
                String reason) {
            return CompletableFuture.completedFuture(LobbyOutcome.NOT_LIVE);
        }
    };

    LiveCounts counts(MeetingId id);

    /** Ends the live meeting, if any: everyone is told {@code reason} and disconnected. */
    void end(MeetingId id, String reason);

    /** Who is in the meeting and who waits in its lobby, read by the meeting's writer. */
    CompletableFuture<LiveState> state(MeetingId id);

    /**
     * The application admits ({@code admit}) or denies (with {@code reason}, may be null) a guest
     * waiting in the lobby, as a presenter would. Completes once the decision and its events are
     * committed.
     */
    CompletableFuture<LobbyOutcome> decide(MeetingId id, String participantId, boolean admit, String reason);

    /** Participants in the meeting and guests waiting in its lobby. */
    record LiveCounts(int participants, int waitingInLobby) {
        public static final LiveCounts EMPTY = new LiveCounts(0, 0);
    }

    /**
     * A live meeting's roster and lobby at sequence number {@code seq}.
     *
     * @param live false when nobody is in the meeting (the lists are then empty)
     */
    record LiveState(boolean live, long seq, List<Member> roster, List<Member> lobby) {
        public static final LiveState NOT_LIVE = new LiveState(false, 0, List.of(), List.of());

        public LiveState {
            roster = List.copyOf(roster);
            lobby = List.copyOf(lobby);
        }
    }

    /**
     * One person in a live meeting.
     *
     * @param applicationSessionId the session id the application minted the guest's token for, or null
     * @param waitingSince when a lobby guest started waiting; null in the roster
     */
    record Member(String participantId, String displayName, String role, String applicationSessionId,
            Instant joinedAt, Instant waitingSince) {}

    /** What became of an admit or deny from the application. */
    enum LobbyOutcome {
        DONE,
        /** Nobody by that id is in the meeting. */
        UNKNOWN_PARTICIPANT,
        /** The participant is in the meeting, not waiting. */
        NOT_WAITING,
        /** Nobody is in the meeting at all. */
        NOT_LIVE
    }
}
