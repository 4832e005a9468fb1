package dev.foyer.server.transport.ws;

/** UTF-8 sizes of strings, without encoding them. */
final class Utf8 {
    private Utf8() {}

    /** The number of bytes {@code s} takes in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement). */
    static long byteLength(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code s} takes more than {@code max} bytes in UTF-8; cheap when it clearly does or does not. */
    static boolean exceeds(CharSequence s, int max) {
        if (s.length() > max) {
            return true; // every char is at least one byte
        }
        if ((long) s.length() * 3 <= max) {
            return false; // every char is at most three bytes (a surrogate pair is four for two chars)
        }
        return byteLength(s) > max;
    }
}
