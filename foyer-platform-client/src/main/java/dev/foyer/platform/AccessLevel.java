package dev.foyer.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may enter a meeting. Values are the server's, case-sensitive on the wire.
 *
 * <p>A value this client does not know yet (from a newer server) reads as {@code null}.
 */
public enum AccessLevel {
    /** The bare meeting link is enough; anonymous tokens are available from the meeting URL. */
    EVERYONE("Everyone"),
    /** Named attendees and leaders, plus holders of tokens the application minted. */
    INVITED("Invited"),
    /** Nobody new except the organizer and leaders; applications cannot mint guest tokens. */
    LOCKED("Locked");

    private final String wireName;

    AccessLevel(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the HTTP API spells it, for example {@code "Everyone"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
