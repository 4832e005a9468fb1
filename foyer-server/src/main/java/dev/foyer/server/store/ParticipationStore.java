package dev.foyer.server.store;

import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.List;

/** The history of who was in a meeting: joined, admitted by whom, when and why they left. */
public interface ParticipationStore {
    /** Records a participant's first entry (in the lobby or straight into the meeting). */
    void recordJoin(ParticipationRecord record);

    /**
     * Records several first entries, in order, as {@link #recordJoin} each would, in one go where
     * the store can: the history of a join storm arrives a hundred at a time. If one is already
     * recorded, this throws {@link DuplicateException} and whether the
     * others are is up to the enclosing transaction.
     */
    default void recordJoins(List<ParticipationRecord> records) {
        records.forEach(this::recordJoin);
    }

    /** Records the admission of a participant who waited in the lobby. */
    void recordAdmitted(MeetingId meetingId, String participantId, String admittedBy, Instant at);

    /** Records the end of a participation; only the first call for a participant counts. */
    void recordLeft(MeetingId meetingId, String participantId, Instant at, String reason);

    /** Every participation of the meeting, in order of entry. */
    List<ParticipationRecord> list(MeetingId meetingId);
}
