package dev.foyer.server.discovery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in coturn's {@code use-auth-secret} scheme (the "TURN REST API"
 * draft, draft-uberti-behave-turn-rest-00): the username is {@code <expiry unix seconds>:<userId>}
 * and the password is base64(HMAC-SHA1(shared secret, username)). coturn, sharing the secret,
 * recomputes the password and refuses the username once its time has passed.
 *
 * @param username {@code <expiry unix seconds>:<userId>}
 * @param credential the password: standard base64 (with padding) of the HMAC-SHA1
 * @param expiresAt the expiry, in whole seconds, as written in the username
 */
public record TurnCredentials(String username, String credential, Instant expiresAt) {
    private static final String HMAC_SHA1 = "HmacSHA1";

    public TurnCredentials {
        Objects.requireNonNull(username, "username == null");
        Objects.requireNonNull(credential, "credential == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }

    /**
     * Credentials for {@code userId} (a participant or subject id; it may itself contain
     * {@code :}, since coturn reads the expiry before the first one) valid until {@code expiry},
     * truncated to whole seconds.
     */
    public static TurnCredentials create(String secret, String userId, Instant expiry) {
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(expiry, "expiry == null");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("userId is empty");
        }
        long expirySeconds = expiry.getEpochSecond();
        String username = expirySeconds + ":" + userId;
        return new TurnCredentials(username, hmacSha1Base64(secret, username), Instant.ofEpochSecond(expirySeconds));
    }

    /** Omits the credential, so that logging this record never leaks it. */
    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", expiresAt=" + expiresAt + "]";
    }

    private static String hmacSha1Base64(String secret, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JVM", e);
        }
    }
}
