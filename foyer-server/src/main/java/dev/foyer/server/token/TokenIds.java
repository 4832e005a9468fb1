package dev.foyer.server.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers for tokens ({@code jti}) and keys ({@code kid}). */
final class TokenIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenIds() {}

    /** 128 random bits in URL-safe base64 without padding (22 characters). */
    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
