package dev.foyer.server.meeting;

/**
 * The port to the live side of meetings (the WebSocket sessions): how many are in a meeting and
 * a way to end it for everyone. The HTTP side depends only on this interface.
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
    };

    LiveCounts counts(MeetingId id);

    /** Ends the live meeting, if any: everyone is told {@code reason} and disconnected. */
    void end(MeetingId id, String reason);

    /** Participants in the meeting and guests waiting in its lobby. */
    record LiveCounts(int participants, int waitingInLobby) {
        public static final LiveCounts EMPTY = new LiveCounts(0, 0);
    }
}
