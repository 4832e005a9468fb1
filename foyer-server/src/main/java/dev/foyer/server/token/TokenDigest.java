package dev.foyer.server.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The SHA-256 of a token's exact compact string, in URL-safe base64 without padding (43
 * characters). The server stores it when it issues a join token; a presented token with the
 * same digest is that very string (see {@link TokenVerifier#verifyJoin(String, IssuedDigests)}).
 */
public final class TokenDigest {
    private TokenDigest() {}

    public static String of(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether a recorded digest (null: none) equals a presented one, in time independent of where they differ. */
    public static boolean matches(String recorded, String presented) {
        return recorded != null && MessageDigest.isEqual(recorded.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
