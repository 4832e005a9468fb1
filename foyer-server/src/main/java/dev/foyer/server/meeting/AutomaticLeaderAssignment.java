package dev.foyer.server.meeting;

/** Who becomes a presenter (leader) on entry without being named a leader. */
public enum AutomaticLeaderAssignment {
    /** Nobody (the default). */
    Disabled,
    /** Invited users. */
    Invited,
    /** Everyone who enters, guests included. */
    Everyone
}
