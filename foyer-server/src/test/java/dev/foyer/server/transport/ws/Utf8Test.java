package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static ByteBuffer bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return ByteBuffer.wrap(out);
    }

    @Test
    void decodesValidTextFromHeapAndDirectBuffersWithoutMovingThem() {
        String text = "caf\u00e9 \u20ac \uD83D\uDE00 \uFFFD";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer heap = ByteBuffer.wrap(utf8);
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip();
        assertThat(Utf8.decode(heap)).isEqualTo(text);
        assertThat(Utf8.decode(direct)).isEqualTo(text);
        assertThat(heap.remaining()).isEqualTo(utf8.length);
        assertThat(direct.remaining()).isEqualTo(utf8.length);
    }

    @Test
    void decodesTheSliceOfABufferThatStartsPastItsArraysStart() {
        ByteBuffer buffer = ByteBuffer.wrap("xx{\"a\":1}yy".getBytes(StandardCharsets.US_ASCII), 2, 7).slice();
        assertThat(Utf8.decode(buffer)).isEqualTo("{\"a\":1}");
    }

    @Test
    void refusesWhatIsNotUtf8() {
        assertThat(Utf8.decode(bytes(0xC0, 0xAF))).as("overlong /").isNull();
        assertThat(Utf8.decode(bytes(0xED, 0xA0, 0x80))).as("an encoded surrogate").isNull();
        assertThat(Utf8.decode(bytes('a', 0xE2, 0x82))).as("cut off").isNull();
        assertThat(Utf8.decode(bytes(0xFF))).as("never a UTF-8 byte").isNull();
        assertThat(Utf8.decode(bytes(0x80, 'a'))).as("a continuation first").isNull();
        assertThat(Utf8.decode(bytes(0xF4, 0x90, 0x80, 0x80))).as("past U+10FFFF").isNull();
    }
}
