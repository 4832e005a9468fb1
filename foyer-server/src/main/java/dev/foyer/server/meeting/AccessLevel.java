package dev.foyer.server.meeting;

/** Who may enter a meeting at all (the seed's values). */
public enum AccessLevel {
    /** The bare meeting link is enough: anonymous guests may get a token for it. */
    Everyone,
    /** Named attendees and leaders, and holders of tokens the application minted. */
    Invited,
    /** Nobody new but the organizer and the leaders. */
    Locked
}
