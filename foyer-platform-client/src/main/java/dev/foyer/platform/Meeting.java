package dev.foyer.platform;

import java.time.Instant;
import java.util.List;

/**
 * A meeting as its organizer sees it: what {@link FoyerPlatformClient#createAdhocMeeting},
 * {@link FoyerPlatformClient#getMeeting} and {@link FoyerPlatformClient#listMeetings} return.
 *
 * <p>Fields the server leaves out are {@code null} (lists are empty instead). Policy and state
 * values this client does not know yet are {@code null} too.
 *
 * @param onlineMeetingId the 13-character meeting id, for example {@code BW9Z1MJD4K7QX}
 * @param onlineMeetingUri {@code foyer:meeting:{organizer}:{onlineMeetingId}}
 * @param joinUrl the meeting URL, {@code {publicUrl}/meet/{organizer}/{onlineMeetingId}}; pass it
 *     to {@link AnonymousTokenRequest.Builder#meetingUrl} and to the client app
 * @param organizerUri {@code foyer:app:{appId}} for ad hoc meetings
 * @param startTime scheduled meetings only (User API); {@code null} for ad hoc meetings
 * @param endTime scheduled meetings only (User API); {@code null} for ad hoc meetings
 * @param endedAt when the meeting was ended, if it was
 * @param participantCount live count of participants; only from {@link FoyerPlatformClient#getMeeting}
 * @param lobbyCount live count of people waiting in the lobby; only from {@link FoyerPlatformClient#getMeeting}
 */
public record Meeting(
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
        MeetingState state,
        Instant createdAt,
        Instant endedAt,
        String endReason,
        Integer participantCount,
        Integer lobbyCount) {

    public Meeting {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        leaders = leaders == null ? List.of() : List.copyOf(leaders);
    }

    /** True if the meeting still accepts joins and new tokens (its state is {@link MeetingState#ACTIVE}). */
    public boolean isActive() {
        return state == MeetingState.ACTIVE;
    }
}
