package dev.foyer.server.transport.http;

import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LiveMeetings.LiveCounts;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.web.PublicUrls;
import java.time.Instant;
import java.util.List;

/** A meeting as the Platform and User APIs show it to its organizer. */
record MeetingView(
        String onlineMeetingId,
        String onlineMeetingUri,
        String joinUrl,
        String subject,
        String description,
        AccessLevel accessLevel,
        LobbyBypass lobbyBypass,
        AutomaticLeaderAssignment automaticLeaderAssignment,
        Instant expirationTime,
        String organizerUri,
        Instant startTime,
        Instant endTime,
        List<String> attendees,
        List<String> leaders,
        String state,
        Instant createdAt,
        Instant endedAt,
        String endReason,
        Integer participantCount,
        Integer lobbyCount) {

    static MeetingView of(Meeting m, PublicUrls urls, Instant now, LiveCounts counts) {
        String state = m.endedAt() != null ? "ended" : m.isOver(now) ? "expired" : "active";
        return new MeetingView(m.id().value(), PublicUrls.meetingUri(m), urls.joinUrl(m), m.subject(),
                m.description(), m.policy().accessLevel(), m.policy().lobbyBypass(),
                m.policy().automaticLeaderAssignment(), m.expirationTime(), m.organizer().uri(), m.startTime(),
                m.endTime(), m.attendees(), m.leaders(), state, m.createdAt(), m.endedAt(), m.endReason(),
                counts == null ? null : counts.participants(), counts == null ? null : counts.waitingInLobby());
    }
}
