package dev.foyer.server.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A meeting as stored: what it is, who owns it, its admission policy and its lifetime.
 *
 * @param attendees user ids or user names invited to the meeting
 * @param leaders user ids or user names who enter as presenters
 * @param startTime scheduled start, or null for an ad hoc meeting
 * @param endTime scheduled end, or null for an ad hoc meeting
 * @param expirationTime after this instant the meeting accepts nothing and live sessions end
 * @param endedAt when the meeting was ended explicitly, or null
 */
public record Meeting(
        MeetingId id,
        Organizer organizer,
        String subject,
        String description,
        MeetingPolicy policy,
        List<String> attendees,
        List<String> leaders,
        Instant startTime,
        Instant endTime,
        Instant expirationTime,
        Instant createdAt,
        Instant endedAt,
        String endReason) {

    public Meeting {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(organizer, "organizer == null");
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(policy, "policy == null");
        attendees = List.copyOf(attendees);
        leaders = List.copyOf(leaders);
        Objects.requireNonNull(expirationTime, "expirationTime == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    /** Whether the meeting is over at {@code now}: ended explicitly or past its expiration. */
    public boolean isOver(Instant now) {
        return endedAt != null || !now.isBefore(expirationTime);
    }

    public boolean isOwnedBy(Organizer candidate) {
        return organizer.kind() == candidate.kind() && organizer.id().equals(candidate.id());
    }

    public Meeting ended(Instant at, String reason) {
        return new Meeting(id, organizer, subject, description, policy, attendees, leaders, startTime, endTime,
                expirationTime, createdAt, at, reason);
    }
}
