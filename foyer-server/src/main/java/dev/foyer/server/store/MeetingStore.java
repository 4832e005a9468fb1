package dev.foyer.server.store;

import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.Organizer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Meetings, ad hoc and scheduled. */
public interface MeetingStore {
    void insert(Meeting meeting);

    Optional<Meeting> find(MeetingId id);

    /** Replaces the meeting's mutable fields (subject, description, policy, lists, times); false if absent. */
    boolean update(Meeting meeting);

    /**
     * Marks the meeting ended at {@code at} with {@code reason}, once: false when it does not exist
     * or was already ended.
     */
    boolean markEnded(MeetingId id, Instant at, String reason);

    /** The organizer's meetings, newest first, {@code limit} of them after skipping {@code offset}. */
    List<Meeting> listByOrganizer(Organizer organizer, int offset, int limit);

    /** Deletes a meeting outright (a user deleting a scheduled meeting); false when absent. */
    boolean delete(MeetingId id);
}
