package dev.foyer.server.meeting;

/** Who skips the lobby on entry. Everybody else waits until a presenter admits them. */
public enum LobbyBypass {
    /** Nobody waits. */
    Everyone,
    /** Invited users and leaders go straight in; guests wait. */
    Invited,
    /** Only the organizer and leaders go straight in (the default). */
    Leaders
}
