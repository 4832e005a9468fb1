package dev.foyer.server.app;

import dev.foyer.server.error.FoyerException;
import dev.foyer.server.secret.Secrets;
import java.util.Locale;
import java.util.Objects;

/** A trusted application's identifier: {@code app_} and 16 base32 characters, lower case. */
public record AppId(String value) {
    private static final String PREFIX = "app_";

    public AppId {
        Objects.requireNonNull(value, "value == null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not an application id: " + value);
        }
    }

    public static AppId random() {
        return new AppId(PREFIX + Secrets.randomBase32(16).toLowerCase(Locale.ROOT));
    }

    /** Parses an id from the edge; a malformed one is simply unknown (404), never a 500. */
    public static AppId parse(String raw) {
        if (raw == null || !isWellFormed(raw)) {
            throw FoyerException.notFound("application");
        }
        return new AppId(raw);
    }

    private static boolean isWellFormed(String s) {
        return s.length() == PREFIX.length() + 16 && s.startsWith(PREFIX)
                && Secrets.isBase32(s.substring(PREFIX.length()).toUpperCase(Locale.ROOT))
                && s.equals(s.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
