package dev.foyer.server.app;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A trusted application: a business back-end that calls the Platform API with client credentials.
 *
 * @param clientSecretHash the SHA-256 of the client secret; the secret itself is shown once
 * @param webhookSecret the key that signs webhook callbacks; held in the clear because the server
 *     must compute HMACs with it, like any webhook sender
 * @param allowedOrigins origins browsers may use with this application's tokens by default
 */
public record Application(
        AppId id,
        String name,
        String clientId,
        String clientSecretHash,
        List<String> allowedOrigins,
        String callbackUrl,
        String webhookSecret,
        Instant createdAt) {

    public Application {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(clientId, "clientId == null");
        Objects.requireNonNull(clientSecretHash, "clientSecretHash == null");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(webhookSecret, "webhookSecret == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    public Application withClientSecretHash(String hash) {
        return new Application(id, name, clientId, hash, allowedOrigins, callbackUrl, webhookSecret, createdAt);
    }
}
