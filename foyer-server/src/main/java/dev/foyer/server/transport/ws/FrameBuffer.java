package dev.foyer.server.transport.ws;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of a frame as a generator writes them: one array that grows by doubling and that its
 * thread keeps for the next frame. Jackson's {@code ByteArrayBuilder}, used before, kept only its
 * last block: every snapshot of a large meeting allocated its blocks again before the final copy
 * (a snapshot of 100 participants, ~20 KB on the wire, allocated ~54 KB; docs/performance.md,
 * item 46). Not thread-safe: each thread has its own.
 */
final class FrameBuffer extends OutputStream {
    private byte[] bytes;
    private int size;

    FrameBuffer(int initialBytes) {
        bytes = new byte[initialBytes];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    /** What was written since the last {@link #reset()}, as an array of its own. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Forgets what was written; keeps the array. */
    void reset() {
        size = 0;
    }

    /** How many bytes were written since the last {@link #reset()}. */
    int size() {
        return size;
    }

    /** The array's length: what the buffer holds on to between frames. */
    int capacity() {
        return bytes.length;
    }
}
