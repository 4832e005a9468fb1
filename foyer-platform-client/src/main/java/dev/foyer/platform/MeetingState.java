package dev.foyer.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a meeting is in its life. Ended and expired meetings accept nothing new (410 {@code meeting_ended}).
 *
 * <p>A value this client does not know yet (from a newer server) reads as {@code null}.
 */
public enum MeetingState {
    /** Open for joining. */
    ACTIVE("active"),
    /** Ended explicitly (for example by {@link FoyerPlatformClient#endMeeting}). */
    ENDED("ended"),
    /** Past its expiration time. */
    EXPIRED("expired");

    private final String wireName;

    MeetingState(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the HTTP API spells it, for example {@code "active"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
