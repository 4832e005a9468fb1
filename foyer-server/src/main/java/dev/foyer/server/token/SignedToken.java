package dev.foyer.server.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A token as issued: the compact JWT to hand out and what the server needs to record about it.
 * Times have the one-second precision of the JWT claims.
 *
 * @param value the compact serialization; a bearer secret, never to be logged
 */
public record SignedToken(String value, String jti, Instant issuedAt, Instant expiresAt) {
    public SignedToken {
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(jti, "jti == null");
        Objects.requireNonNull(issuedAt, "issuedAt == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }

    /** Omits {@link #value()}, so that logging a token record never leaks the bearer secret. */
    @Override
    public String toString() {
        return "SignedToken[jti=" + jti + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
