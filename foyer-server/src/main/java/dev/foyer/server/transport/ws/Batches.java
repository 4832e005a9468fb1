package dev.foyer.server.transport.ws;

import dev.foyer.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>A batch is not copied together when its parts already exist (docs/performance.md, item 62):
 * it goes as one message in several WebSocket frames, each a slice of bytes that are there
 * anyway. A large frame (a joiner's {@code snapshot}) is such a slice of its own; and a meeting's
 * writer finds the same roster changes queued for many of its clients — everyone who was there
 * has all of them, everyone who joined meanwhile the ones after their join, behind their own
 * {@code joined} and {@code snapshot}. Each thread remembers the last run of small frames it
 * copied into a batch, and a connection whose frames end with some of that run's, the same
 * arrays in order, gets a slice of those bytes rather than a copy (item 52 shared a batch only
 * between identical lists). A thread so holds at most one batch's worth of frames twice.
 */
final class Batches {
    /** Largest batch, in bytes: a message either side sends. */
    static final int MAX_BYTES = Protocol.MAX_FRAME_BYTES;
    /** Frames at least this long go by reference, a frame of their own in the message. */
    static final int BY_REFERENCE_BYTES = 2048;
    private static final byte[] HEAD = "{\"type\":\"batch\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    /** A batch's bytes beside its messages' own, but for the comma between two. */
    private static final int OVERHEAD = HEAD.length + TAIL.length;
    /** The size of a batch of nothing yet, to add frames to with {@link #sizeWith}. */
    static final int EMPTY_SIZE = OVERHEAD - 1;

    /** {@code bytes[offset, offset + length)}, sent as it is. */
    record Piece(byte[] bytes, int offset, int length) {
        static Piece of(byte[] bytes) {
            return new Piece(bytes, 0, bytes.length);
        }
    }

    /** A message as it goes out: its pieces, each a WebSocket frame, in order. */
    record Message(Piece... pieces) {
        static Message whole(byte[] frame) {
            return new Message(Piece.of(frame));
        }
    }

    /**
     * The last run of small frames this thread copied into a batch: the frames, their bytes (each
     * frame preceded by a comma, but perhaps the first, and the batch's end after the last), and
     * where each frame begins in them.
     */
    private record Run(byte[][] frames, byte[] bytes, int[] starts) {
        /** How many of {@code other}'s last frames are this run's last, the same arrays in order. */
        int sharedTail(List<byte[]> other) {
            int n = 0;
            int max = Math.min(frames.length, other.size());
            while (n < max && other.get(other.size() - 1 - n) == frames[frames.length - 1 - n]) {
                n++;
            }
            return n;
        }

        /** Whether frame {@code i} has a comma before it in {@link #bytes}. */
        boolean commaBefore(int i) {
            return starts[i] > 0 && bytes[starts[i] - 1] == ',';
        }
    }

    private static final ThreadLocal<Run> LAST = new ThreadLocal<>();
    /** Where this thread puts a batch's copied parts together (at most a batch's worth). */
    private static final ThreadLocal<FrameBuffer> SCRATCH = ThreadLocal.withInitial(() -> new FrameBuffer(4096));

    private Batches() {}

    /** The size of a batch of {@code size} bytes once {@code frame} is added to it (comma included). */
    static int sizeWith(int size, byte[] frame) {
        return size + 1 + frame.length;
    }

    /**
     * {@code frames} (complete JSON objects, UTF-8) as messages: one batch if they fit in {@link
     * #MAX_BYTES}, else each run of consecutive ones that fits made one; a frame with no company
     * stays as it was.
     */
    static List<Message> gather(List<byte[]> frames) {
        if (frames.size() < 2) {
            return frames.isEmpty() ? List.of() : List.of(Message.whole(frames.get(0)));
        }
        int size = EMPTY_SIZE;
        for (byte[] frame : frames) {
            size = sizeWith(size, frame);
        }
        return size <= MAX_BYTES ? List.of(oneBatch(frames)) : copiedRuns(frames);
    }

    /** Frames that fit in one batch, as one message. */
    private static Message oneBatch(List<byte[]> frames) {
        Run last = LAST.get();
        int shared = last == null ? 0 : last.sharedTail(frames);
        if (shared == 0) {
            return withOwn(frames, frames.size(), null, false);
        }
        // The frames end with some of the last run's: a slice of its bytes, to the batch's end.
        int own = frames.size() - shared;
        int first = last.frames().length - shared;
        int from = last.starts()[first];
        if (own == 0) {
            if (first == 0 && from == HEAD.length) {
                return new Message(Piece.of(last.bytes())); // the very same frames: the same batch
            }
            return new Message(Piece.of(HEAD), new Piece(last.bytes(), from, last.bytes().length - from));
        }
        boolean withComma = last.commaBefore(first);
        if (withComma) {
            from--;
        }
        return withOwn(frames, own, new Piece(last.bytes(), from, last.bytes().length - from), !withComma);
    }

    /**
     * A batch of the first {@code own} frames, then {@code tail} (after a comma if {@code
     * commaBeforeTail}; null: no tail, the batch's end is written here). Large frames go by
     * reference; the small ones are copied together, and the last such run, when it ends the
     * batch, is remembered for the next connection.
     */
    private static Message withOwn(List<byte[]> frames, int own, Piece tail, boolean commaBeforeTail) {
        List<Piece> pieces = new ArrayList<>(4);
        FrameBuffer out = SCRATCH.get();
        out.reset();
        out.write(HEAD, 0, HEAD.length);
        int runStart = 0;
        int[] starts = new int[own];
        for (int i = 0; i < own; i++) {
            byte[] frame = frames.get(i);
            if (i > 0) {
                out.write(',');
            }
            if (frame.length >= BY_REFERENCE_BYTES) {
                pieces.add(Piece.of(out.toByteArray()));
                pieces.add(Piece.of(frame));
                out.reset();
                runStart = i + 1;
            } else {
                starts[i] = out.size();
                out.write(frame, 0, frame.length);
            }
        }
        if (tail != null) {
            if (commaBeforeTail) {
                out.write(',');
            }
            if (out.size() > 0) {
                pieces.add(Piece.of(out.toByteArray()));
            }
            pieces.add(tail);
            return new Message(pieces.toArray(new Piece[0]));
        }
        out.write(TAIL, 0, TAIL.length);
        byte[] bytes = out.toByteArray();
        pieces.add(Piece.of(bytes));
        if (runStart < own) {
            byte[][] run = frames.subList(runStart, own).toArray(new byte[0][]);
            LAST.set(new Run(run, bytes, Arrays.copyOfRange(starts, runStart, own)));
        }
        return new Message(pieces.toArray(new Piece[0]));
    }

    /** More frames than one batch holds: each run of consecutive ones that fits, copied, made one. */
    private static List<Message> copiedRuns(List<byte[]> frames) {
        List<Message> out = new ArrayList<>(2);
        int start = 0;
        while (start < frames.size()) {
            int end = start;
            int size = OVERHEAD + frames.get(start).length;
            while (end + 1 < frames.size() && size + 1 + frames.get(end + 1).length <= MAX_BYTES) {
                end++;
                size += 1 + frames.get(end).length;
            }
            out.add(Message.whole(end == start ? frames.get(start) : copied(frames, start, end, size)));
            start = end + 1;
        }
        return out;
    }

    /** Frames {@code start} to {@code end} (inclusive) as one batch of {@code size} bytes. */
    private static byte[] copied(List<byte[]> frames, int start, int end, int size) {
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
