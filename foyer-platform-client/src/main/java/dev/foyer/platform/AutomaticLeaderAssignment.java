package dev.foyer.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who is promoted to presenter on entering a meeting. The server's default is {@link #DISABLED}.
 *
 * <p>A value this client does not know yet (from a newer server) reads as {@code null}.
 */
public enum AutomaticLeaderAssignment {
    /** Nobody is promoted. */
    DISABLED("Disabled"),
    /** Invited users become presenters. */
    INVITED("Invited"),
    /** Everyone who enters becomes a presenter, guests included. */
    EVERYONE("Everyone");

    private final String wireName;

    AutomaticLeaderAssignment(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the HTTP API spells it, for example {@code "Disabled"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
