package dev.foyer.server.meeting;

import java.util.Objects;

/** The admission rules of one meeting. */
public record MeetingPolicy(
        AccessLevel accessLevel, LobbyBypass lobbyBypass, AutomaticLeaderAssignment automaticLeaderAssignment) {

    /** Everyone may join with the link; every guest waits in the lobby; nobody is promoted. */
    public static final MeetingPolicy DEFAULT =
            new MeetingPolicy(AccessLevel.Everyone, LobbyBypass.Leaders, AutomaticLeaderAssignment.Disabled);

    public MeetingPolicy {
        Objects.requireNonNull(accessLevel, "accessLevel == null");
        Objects.requireNonNull(lobbyBypass, "lobbyBypass == null");
        Objects.requireNonNull(automaticLeaderAssignment, "automaticLeaderAssignment == null");
    }
}
