package dev.foyer.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who goes straight into a meeting instead of waiting in its lobby. The server's default is {@link #LEADERS}.
 *
 * <p>A value this client does not know yet (from a newer server) reads as {@code null}.
 */
public enum LobbyBypass {
    /** Nobody waits. */
    EVERYONE("Everyone"),
    /** Invited users and leaders go straight in; guests wait. */
    INVITED("Invited"),
    /** Only the organizer and leaders go straight in. */
    LEADERS("Leaders");

    private final String wireName;

    LobbyBypass(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the HTTP API spells it, for example {@code "Everyone"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
