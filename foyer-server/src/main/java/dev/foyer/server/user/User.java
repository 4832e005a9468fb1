package dev.foyer.server.user;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A staff member who schedules meetings through the User API.
 *
 * @param userName lower-case handle that appears in meeting URLs ({@code /meet/{userName}/...})
 * @param tokenHash SHA-256 of the personal access token, or null when it was revoked
 */
public record User(UserId id, String userName, String displayName, String tokenHash, Instant createdAt) {
    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    public User {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(userName, "userName == null");
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    /** Whether {@code name} is a valid user name: 1–32 of a-z, 0-9, '.', '_', '-', starting alphanumeric. */
    public static boolean isValidUserName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    public User withTokenHash(String hash) {
        return new User(id, userName, displayName, hash, createdAt);
    }
}
