package dev.foyer.server.meeting;

import dev.foyer.server.error.FoyerException;
import dev.foyer.server.secret.Secrets;
import java.util.Objects;

/**
 * A meeting's identifier, as it appears in meeting URLs: 13 characters of Crockford base32
 * (65 random bits), short enough to read aloud and too many to guess.
 */
public record MeetingId(String value) {
    public static final int LENGTH = 13;

    public MeetingId {
        Objects.requireNonNull(value, "value == null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a meeting id: " + value);
        }
    }

    public static MeetingId random() {
        return new MeetingId(Secrets.randomBase32(LENGTH));
    }

    /** Parses an id from the edge; a malformed one is an unknown meeting (404). */
    public static MeetingId parse(String raw) {
        if (raw == null || !isWellFormed(raw)) {
            throw FoyerException.meetingNotFound();
        }
        return new MeetingId(raw);
    }

    private static boolean isWellFormed(String s) {
        return s.length() == LENGTH && Secrets.isBase32(s);
    }

    @Override
    public String toString() {
        return value;
    }
}
