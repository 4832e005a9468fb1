package dev.foyer.server.transport.ws;

import dev.foyer.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several server messages in one WebSocket message, for a client that reads them ({@code "batch":
 * true} in its {@code join} or {@code resume}; docs/protocol.md, "Batches"):
 * {@code {"type":"batch","events":[m1,m2,...]}}, each message the very bytes it would have been
 * sent as alone, in order.
 *
 * <p>Frames that queued up for a connection behind a write — the roster changes of a meeting's
 * rush, chat to a client that fell behind — leave as one message instead of one each. The bytes on
 * the wire are the same give or take a few; what is saved is the work per frame on both sides:
 * Jetty's queue entry, callback, header and lists on the server, a frame to decode and dispatch
 * on the client (docs/performance.md, item 45).
 *
 * <p>A meeting's writer that flushes roster changes held back for a while finds the very same
 * frames queued for every client of the meeting: each thread remembers the last frames it made
 * one batch of, and hands the next connection with the same frames (the same arrays, in the same
 * order) the same batch, so that a batch, like a frame, is encoded once for all its recipients
 * (docs/performance.md, item 52). Those who joined while the changes were held back have a tail
 * of the same frames queued, each a different one: such a connection gets the remembered batch
 * from its first frame on, a slice of the same bytes, sent after {@link #HEAD} as a message in
 * two WebSocket frames (item 62). A thread so holds at most one batch's worth of frames twice.
 */
final class Batches {
    /** Largest batch, in bytes: a message either side sends. */
    static final int MAX_BYTES = Protocol.MAX_FRAME_BYTES;
    /** What a batch starts with: a message that is a batch's tail is this, then the tail. */
    static final byte[] HEAD = "{\"type\":\"batch\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    /** A batch's bytes beside its messages' own, but for the comma between two. */
    static final int OVERHEAD = HEAD.length + TAIL.length;

    /**
     * A message as it goes out: {@code bytes[offset, offset + length)}, after {@link #HEAD} when
     * {@code headed} (a tail of a batch made for another connection, whose first frame holds the
     * head and the second the slice).
     */
    record Message(byte[] bytes, int offset, int length, boolean headed) {
        static Message whole(byte[] frame) {
            return new Message(frame, 0, frame.length, false);
        }

        /** The message's bytes in one array: a copy unless it is a whole frame (tests). */
        byte[] toByteArray() {
            if (!headed && offset == 0 && length == bytes.length) {
                return bytes;
            }
            byte[] out = new byte[(headed ? HEAD.length : 0) + length];
            int at = 0;
            if (headed) {
                System.arraycopy(HEAD, 0, out, 0, HEAD.length);
                at = HEAD.length;
            }
            System.arraycopy(bytes, offset, out, at, length);
            return out;
        }
    }

    /** The last frames this thread made one batch of, that batch, and where each frame begins in it. */
    private static final ThreadLocal<Gathered> LAST = new ThreadLocal<>();

    private record Gathered(byte[][] frames, byte[] batch, int[] starts, List<Message> out) {
        /**
         * Where {@code other} begins among these frames when it is the same arrays as their last
         * {@code other.size()}, in order (0: all of them); -1 if it is not.
         */
        int tailAt(List<byte[]> other) {
            int skip = frames.length - other.size();
            if (skip < 0) {
                return -1;
            }
            for (int i = other.size() - 1; i >= 0; i--) {
                if (other.get(i) != frames[skip + i]) {
                    return -1;
                }
            }
            return skip;
        }
    }

    private Batches() {}

    /**
     * {@code frames} (complete JSON objects, UTF-8), each run of consecutive ones that fits in
     * {@link #MAX_BYTES} made one batch; a frame with no company that fits stays as it was.
     */
    static List<Message> gather(List<byte[]> frames) {
        if (frames.size() < 2) {
            return frames.isEmpty() ? List.of() : List.of(Message.whole(frames.get(0)));
        }
        Gathered last = LAST.get();
        int tailAt = last == null ? -1 : last.tailAt(frames);
        if (tailAt == 0) {
            return last.out();
        }
        if (tailAt > 0) {
            int from = last.starts()[tailAt];
            return List.of(new Message(last.batch(), from, last.batch().length - from, true));
        }
        List<Message> out = new ArrayList<>(2);
        int start = 0;
        while (start < frames.size()) {
            int end = start;
            int size = OVERHEAD + frames.get(start).length;
            while (end + 1 < frames.size() && size + 1 + frames.get(end + 1).length <= MAX_BYTES) {
                end++;
                size += 1 + frames.get(end).length;
            }
            if (end == start) {
                out.add(Message.whole(frames.get(start)));
            } else {
                int[] starts = new int[end - start + 1];
                byte[] batch = batch(frames, start, end, size, starts);
                out.add(Message.whole(batch));
                if (start == 0 && end == frames.size() - 1) {
                    out = List.of(out.get(0));
                    LAST.set(new Gathered(frames.toArray(new byte[0][]), batch, starts, out));
                }
            }
            start = end + 1;
        }
        return out;
    }

    /**
     * Frames {@code start} to {@code end} (inclusive) as one batch of {@code size} bytes; {@code
     * starts} receives where each begins in it.
     */
    private static byte[] batch(List<byte[]> frames, int start, int end, int size, int[] starts) {
        byte[] out = new byte[size];
        System.arraycopy(HEAD, 0, out, 0, HEAD.length);
        int at = HEAD.length;
        for (int i = start; i <= end; i++) {
            if (i > start) {
                out[at++] = ',';
            }
            byte[] frame = frames.get(i);
            starts[i - start] = at;
            System.arraycopy(frame, 0, out, at, frame.length);
            at += frame.length;
        }
        System.arraycopy(TAIL, 0, out, at, TAIL.length);
        return out;
    }
}
