package dev.foyer.server.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A signing key as stored.
 *
 * @param privateJwk the key pair as a JWK JSON object (EC P-256), private part included
 * @param retiredAt when the key stopped signing and verifying, or null
 */
public record StoredSigningKey(String kid, String privateJwk, Instant createdAt, Instant retiredAt) {
    public StoredSigningKey {
        Objects.requireNonNull(kid, "kid == null");
        Objects.requireNonNull(privateJwk, "privateJwk == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }
}
