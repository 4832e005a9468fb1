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
 * @param callbackUrl where webhook events are POSTed, or null for none
 * @param previousWebhookSecret during a rotation, the replaced secret, which still signs (as a second
 *     {@code v1=}) until {@code previousWebhookSecretExpiresAt}; otherwise null
 */
public record Application(
        AppId id,
        String name,
        String clientId,
        String clientSecretHash,
        List<String> allowedOrigins,
        String callbackUrl,
        String webhookSecret,
        Instant createdAt,
        String previousWebhookSecret,
        Instant previousWebhookSecretExpiresAt) {

    public Application {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(clientId, "clientId == null");
        Objects.requireNonNull(clientSecretHash, "clientSecretHash == null");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(webhookSecret, "webhookSecret == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        if ((previousWebhookSecret == null) != (previousWebhookSecretExpiresAt == null)) {
            throw new IllegalArgumentException("previousWebhookSecret and its expiry go together");
        }
    }

    /** An application without a secret rotation in progress. */
    public Application(AppId id, String name, String clientId, String clientSecretHash, List<String> allowedOrigins,
            String callbackUrl, String webhookSecret, Instant createdAt) {
        this(id, name, clientId, clientSecretHash, allowedOrigins, callbackUrl, webhookSecret, createdAt, null, null);
    }

    public Application withClientSecretHash(String hash) {
        return new Application(id, name, clientId, hash, allowedOrigins, callbackUrl, webhookSecret, createdAt,
                previousWebhookSecret, previousWebhookSecretExpiresAt);
    }

    /** The secrets that sign a webhook sent at {@code now}: the current one, then the previous one if still valid. */
    public List<String> signingSecrets(Instant now) {
        return previousWebhookSecret != null && now.isBefore(previousWebhookSecretExpiresAt)
                ? List.of(webhookSecret, previousWebhookSecret) : List.of(webhookSecret);
    }
}
