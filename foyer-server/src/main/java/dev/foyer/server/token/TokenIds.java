package dev.foyer.server.token;

import dev.foyer.server.secret.Secrets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Identifiers for tokens ({@code jti}, time-ordered) and keys ({@code kid}, random). */
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

    /**
     * A token id: the millisecond {@code at} and 80 random bits, 26 characters of Crockford base32
     * ({@link Secrets#timeOrderedBase32}). Ids so follow issue time: the table of issued tokens
     * grows at the end of its key, and a join, which uses up a token minted moments before,
     * finds it on a page still in the cache (docs/performance.md, item 28).
     */
    static String jti(Instant at) {
        return Secrets.timeOrderedBase32(at);
    }

    /** 128 random bits in URL-safe base64 without padding (22 characters). */
    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
