package dev.foyer.server.user;

import dev.foyer.server.secret.Secrets;
import java.util.Locale;
import java.util.Objects;

/** A user's identifier: {@code usr_} and 16 base32 characters, lower case. */
public record UserId(String value) {
    public UserId {
        Objects.requireNonNull(value, "value == null");
    }

    public static UserId random() {
        return new UserId("usr_" + Secrets.randomBase32(16).toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
