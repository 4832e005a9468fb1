package dev.foyer.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The role of a named staff member joining with a token from {@link FoyerPlatformClient#createUserToken}.
 */
public enum Role {
    /** May admit guests from the lobby, moderate and end the meeting. */
    PRESENTER("presenter"),
    /** Takes part without moderation rights. */
    ATTENDEE("attendee");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the HTTP API spells it, for example {@code "presenter"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
