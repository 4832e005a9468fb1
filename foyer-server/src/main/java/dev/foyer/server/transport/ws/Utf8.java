package dev.foyer.server.transport.ws;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/** UTF-8: sizes of strings without encoding them, and text from bytes that must be valid. */
final class Utf8 {
    private Utf8() {}

    /**
     * The text of {@code utf8}'s remaining bytes, or null if they are not valid UTF-8 (overlong
     * forms and encoded surrogates included). Leaves the buffer's position where it was.
     */
    static String decode(ByteBuffer utf8) {
        String text;
        if (utf8.hasArray()) {
            text = new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(), UTF_8);
        } else {
            byte[] bytes = new byte[utf8.remaining()];
            utf8.duplicate().get(bytes);
            text = new String(bytes, UTF_8);
        }
        // Java's decoder puts U+FFFD for every malformed sequence: without one, the bytes were
        // valid. With one (which valid text may hold too), a strict decoder tells.
        return text.indexOf('\uFFFD') < 0 || isValid(utf8) ? text : null;
    }

    private static boolean isValid(ByteBuffer utf8) {
        try {
            UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8.duplicate());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

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
