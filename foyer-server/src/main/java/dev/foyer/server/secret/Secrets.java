package dev.foyer.server.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets, and the one-way hash under which secrets are stored.
 *
 * <p>Every secret Foyer issues carries 256 bits from {@link SecureRandom}, so a fast hash
 * (SHA-256) is enough to store it: there is no low-entropy password to stretch.
 */
public final class Secrets {
    /** Crockford's base32 alphabet: no I, L, O, U, so identifiers read back without mistakes. */
    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String ALPHABET = new String(BASE32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A new secret: {@code prefix} followed by 32 random bytes in URL-safe base64. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * {@code length} random characters of Crockford base32 (5 bits each), upper case, from one
     * call to the random source. The JDK's default source on Linux ({@code NativePRNG}) takes a
     * lock shared by every thread at each call; drawn a character at a time, a join's participant
     * id and resume token took it 48 times (docs/performance.md, item 65).
     */
    public static String randomBase32(int length) {
        char[] out = new char[length];
        fillRandom(out, 0);
        return new String(out);
    }

    /**
     * A time-ordered identifier of 26 Crockford base32 characters, upper case: the millisecond of
     * {@code at} in the first 10 (50 bits), then 80 random bits in 16, drawn from one call to the
     * random source. Identifiers so sort by time (the alphabet is in ASCII order), and a table keyed
     * by them grows at the end of its index instead of at random pages, each of which the
     * database would have to read and write back.
     */
    public static String timeOrderedBase32(Instant at) {
        char[] out = new char[26];
        long ms = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = BASE32[(int) (ms & 31)];
            ms >>>= 5;
        }
        fillRandom(out, 10);
        return new String(out);
    }

    /** Fills {@code out} from {@code from} on with random base32 characters, 5 bits of one draw each. */
    private static void fillRandom(char[] out, int from) {
        byte[] random = new byte[((out.length - from) * 5 + 7) / 8];
        RANDOM.nextBytes(random);
        int buffer = 0;
        int bits = 0;
        int next = from;
        for (byte b : random) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && next < out.length) {
                bits -= 5;
                out[next++] = BASE32[(buffer >>> bits) & 31];
            }
        }
    }

    /** Whether every character of {@code s} is in the base32 alphabet used by {@link #randomBase32}. */
    public static boolean isBase32(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a secret: lower-case hex SHA-256. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Constant-time check of a presented secret against its stored hash. */
    public static boolean matches(String secret, String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
