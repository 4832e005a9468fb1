package dev.foyer.server.live;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.JoinTokenRequest;
import dev.foyer.server.token.TokenKind;

/**
 * The meeting policy applied to one verified join token: may it enter, in which role, and must it
 * wait in the lobby. Pure: the same token and meeting always give the same answer.
 */
public final class Admission {
    private Admission() {}

    /** The outcome for an entrant that may enter. */
    public record Decision(Role role, boolean guest, boolean waitsInLobby, Outbound.LobbyReason lobbyReason) {}

    /** Decides, or throws {@code meeting_locked} / {@code not_invited}. */
    public static Decision decide(JoinClaims claims, Meeting meeting) {
        boolean organizer = claims.kind() == TokenKind.ORGANIZER;
        boolean staff = claims.kind() == TokenKind.STAFF;
        String staffId = staff ? claims.subject().substring(claims.subject().indexOf(':') + 1) : null;
        boolean leader = organizer || staff && (JoinTokenRequest.PRESENTER.equals(claims.role())
                || meeting.leaders().contains(staffId));
        boolean invited = leader || staff || staffId != null && meeting.attendees().contains(staffId);
        boolean appGuest = claims.kind() == TokenKind.GUEST && claims.appId() != null;

        AccessLevel access = meeting.policy().accessLevel();
        if (access == AccessLevel.Locked && !leader) {
            throw new FoyerException(ErrorCode.MEETING_LOCKED, "the meeting is locked: only its leaders may join");
        }
        if (access == AccessLevel.Invited && !invited && !appGuest) {
            throw new FoyerException(ErrorCode.NOT_INVITED, "this meeting admits invited participants only");
        }

        LobbyBypass bypass = meeting.policy().lobbyBypass();
        boolean waits = !leader && switch (bypass) {
            case Everyone -> false;
            case Invited -> !invited;
            case Leaders -> true;
        };

        AutomaticLeaderAssignment auto = meeting.policy().automaticLeaderAssignment();
        Role role;
        if (organizer) {
            role = Role.ORGANIZER;
        } else if (leader || auto == AutomaticLeaderAssignment.Everyone
                || auto == AutomaticLeaderAssignment.Invited && invited) {
            role = Role.PRESENTER;
        } else {
            role = staff ? Role.ATTENDEE : Role.GUEST;
        }
        return new Decision(role, !organizer && !staff, waits, waits ? reason(bypass) : null);
    }

    private static Outbound.LobbyReason reason(LobbyBypass bypass) {
        return switch (bypass) {
            case Invited -> new Outbound.LobbyReason("lobby_policy",
                    "Only invited participants enter directly; a presenter will let you in.");
            default -> new Outbound.LobbyReason("lobby_policy", "Guests wait until a presenter lets them in.");
        };
    }
}
