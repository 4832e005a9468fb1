package dev.foyer.server.token;

import dev.foyer.server.app.AppId;
import java.time.Instant;
import java.util.Objects;

/**
 * The verified claims of an application access token ({@link TokenKind#ACCESS}).
 *
 * @param jti the token's unique id, for revocation
 * @param appId the trusted application it authenticates (the {@code sub} claim)
 */
public record AccessClaims(String jti, AppId appId, Instant issuedAt, Instant expiresAt) {
    public AccessClaims {
        Objects.requireNonNull(jti, "jti == null");
        Objects.requireNonNull(appId, "appId == null");
        Objects.requireNonNull(issuedAt, "issuedAt == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }
}
