package dev.foyer.server.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers for tokens ({@code jti}) and keys ({@code kid}). */
final class TokenIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenIds() {}

    /**
     * A key id: {@code k} and 128 random bits in URL-safe base64 (23 characters). Operators type
     * key ids on command lines ({@code foyer keys retire KID}), where one starting with {@code -}
     * would read as an option.
     */
    static String keyId() {
        return "k" + random();
    }

    /** 128 random bits in URL-safe base64 without padding (22 characters). */
    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
