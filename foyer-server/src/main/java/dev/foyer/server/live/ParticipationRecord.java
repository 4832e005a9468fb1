package dev.foyer.server.live;

import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.Objects;

/**
 * One participant's time in a meeting, for the meeting's history.
 *
 * @param subject who the token admitted ({@code guest:<applicationSessionId>}, {@code staff:<id>}, ...)
 * @param role organizer, presenter, attendee or guest, on entry
 * @param admittedBy participant id of the presenter who admitted them, or null
 */
public record ParticipationRecord(
        MeetingId meetingId,
        String participantId,
        String subject,
        String displayName,
        String role,
        Instant joinedAt,
        Instant admittedAt,
        String admittedBy,
        Instant leftAt,
        String leftReason) {
    public ParticipationRecord {
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(participantId, "participantId == null");
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(role, "role == null");
        Objects.requireNonNull(joinedAt, "joinedAt == null");
    }
}
