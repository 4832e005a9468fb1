package dev.foyer.server.transport.ws;

import dev.foyer.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several server messages in one WebSocket frame, for a client that reads them ({@code "batch":
 * true} in its {@code join} or {@code resume}; docs/protocol.md, "Batches"):
 * {@code {"type":"batch","events":[m1,m2,...]}}, each message the very bytes it would have been
 * sent as alone, in order.
 *
 * <p>Frames that queued up for a connection behind a write — the roster changes of a meeting's
 * rush, chat to a client that fell behind — leave as one frame instead of one each. The bytes on
 * the wire are the same give or take a few; what is saved is the work per frame on both sides:
 * Jetty's queue entry, callback, header and lists on the server, a frame to decode and dispatch
 * on the client (docs/performance.md, item 45).
 *
 * <p>A meeting's writer that flushes roster changes held back for a while finds the very same
 * frames queued for every client of the meeting: each thread remembers the last frames it made
 * one batch of, and hands the next connection with the same frames (the same arrays, in the same
 * order) the same batch, so that a batch, like a frame, is encoded once for all its recipients
 * (docs/performance.md, item 52). A thread so holds at most one batch's worth of frames twice.
 */
final class Batches {
    /** Largest batch, in bytes: a frame either side sends. */
    static final int MAX_BYTES = Protocol.MAX_FRAME_BYTES;
    private static final byte[] HEAD = "{\"type\":\"batch\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    /** The last frames this thread made one batch of, and that batch. */
    private static final ThreadLocal<Gathered> LAST = new ThreadLocal<>();

    private record Gathered(byte[][] frames, List<byte[]> out) {
        boolean sameFrames(List<byte[]> other) {
            if (other.size() != frames.length) {
                return false;
            }
            for (int i = 0; i < frames.length; i++) {
                if (other.get(i) != frames[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private Batches() {}

    /**
     * {@code frames} (complete JSON objects, UTF-8), each run of consecutive ones that fits in
     * {@link #MAX_BYTES} made one batch; a frame with no company that fits stays as it was.
     */
    static List<byte[]> gather(List<byte[]> frames) {
        if (frames.size() < 2) {
            return frames;
        }
        Gathered last = LAST.get();
        if (last != null && last.sameFrames(frames)) {
            return last.out();
        }
        List<byte[]> out = new ArrayList<>(2);
        int start = 0;
        while (start < frames.size()) {
            int end = start;
            int size = HEAD.length + frames.get(start).length + TAIL.length;
            while (end + 1 < frames.size() && size + 1 + frames.get(end + 1).length <= MAX_BYTES) {
                end++;
                size += 1 + frames.get(end).length;
            }
            out.add(end == start ? frames.get(start) : batch(frames, start, end, size));
            start = end + 1;
        }
        if (out.size() == 1) {
            out = List.of(out.get(0));
            LAST.set(new Gathered(frames.toArray(new byte[0][]), out));
        }
        return out;
    }

    /** Frames {@code start} to {@code end} (inclusive) as one batch of {@code size} bytes. */
    private static byte[] batch(List<byte[]> frames, int start, int end, int size) {
        byte[] out = new byte[size];
        System.arraycopy(HEAD, 0, out, 0, HEAD.length);
        int at = HEAD.length;
        for (int i = start; i <= end; i++) {
            if (i > start) {
                out[at++] = ',';
            }
            byte[] frame = frames.get(i);
            System.arraycopy(frame, 0, out, at, frame.length);
            at += frame.length;
        }
        System.arraycopy(TAIL, 0, out, at, TAIL.length);
        return out;
    }
}
