package dev.foyer.server.transport.ws;

import dev.foyer.server.live.runtime.Connection;
import dev.foyer.server.live.runtime.MeetingHost;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A client's WebSocket with a bounded outbound queue: one write in flight at a time, the rest
 * queued; when the queue is full — too many frames, or too many bytes — the frame is refused and
 * the runtime closes the connection, so a slow client never slows its meeting nor holds more than
 * a bounded amount of memory. A frame larger than the byte bound is still taken when the queue is
 * empty (a large snapshot must reach a client that keeps up).
 *
 * <p>A frame sent while nothing is in flight goes out at once. Frames that queued up behind a
 * write go out together in the next one: under load a busy connection costs one system call per
 * batch rather than one per frame, and when idle no frame waits for company. A client that reads
 * {@code batch} frames gets those that went out together as one ({@link Batches}), as many as fit
 * in one batch; any other client up to {@link #MAX_FRAMES_PER_WRITE} frames a write.
 */
final class WsConnection implements Connection {
    /** Most queued frames gathered into one write to a client that does not read batches. */
    static final int MAX_FRAMES_PER_WRITE = 64;

    private final CoreSession session;
    private final String origin;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final Instant connectedAt;
    /** Guarded by {@code this}. */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** The bytes of the frames in {@link #queue}. Guarded by {@code this}. */
    private long queuedBytes;
    private boolean writing;
    private boolean closing;
    private int closeCode;
    private String closeReason;

    /** Set once the join or resume succeeded (on the meeting's writer thread). */
    private volatile MeetingHost host;
    private volatile String participantId;
    private volatile boolean joining;
    /** Set when the connection has closed, from either side: nothing more will be read or sent. */
    private volatile boolean gone;
    /** {@link System#nanoTime()} when the client was last heard from: any frame, a pong included. */
    private volatile long heardAt = System.nanoTime();
    /** Whether the client reads {@code batch} frames (it said so in its join or resume). */
    private volatile boolean batches;
    /** Frames received in the current one-second window, for flood detection. Receiving thread only. */
    private long windowSecond;
    private int windowFrames;

    WsConnection(CoreSession session, String origin, int maxQueued, long maxQueuedBytes, Instant connectedAt) {
        this.session = session;
        this.origin = origin;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
        this.connectedAt = connectedAt;
    }

    @Override
    public String origin() {
        return origin;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    MeetingHost host() {
        return host;
    }

    String participantId() {
        return participantId;
    }

    /**
     * Records the join (or resume) that succeeded.
     *
     * @return false if the connection closed meanwhile: then whoever joined must be disconnected,
     *     for {@link #closed()} may have come too early to see them (it sees either them or that)
     */
    boolean joined(MeetingHost host, String participantId) {
        this.participantId = participantId;
        this.host = host;
        this.joining = false;
        return !gone;
    }

    /** The connection has closed; {@link #host()} is then the meeting to tell, if it was already known. */
    void closed() {
        gone = true;
    }

    /** Whether the connection has closed. */
    boolean isClosed() {
        return gone;
    }

    /** The client sent a frame (a pong included). */
    void heard() {
        heardAt = System.nanoTime();
    }

    /** How long nothing has come from the client, as of {@code nowNanos} ({@link System#nanoTime()}). */
    long silentNanos(long nowNanos) {
        return nowNanos - heardAt;
    }

    /** Counts a received frame; false when the client floods (more than 200 frames in a second). */
    boolean admitFrame(Instant now) {
        long second = now.getEpochSecond();
        if (second != windowSecond) {
            windowSecond = second;
            windowFrames = 0;
        }
        return ++windowFrames <= 200;
    }

    /** Marks a join in progress; false if one already is (or the connection has joined). */
    synchronized boolean startJoining() {
        if (joining || host != null) {
            return false;
        }
        joining = true;
        return true;
    }

    /** Whether frames that queue up go out as {@code batch} frames ({@link Batches}), as the client asked. */
    void readsBatches(boolean batches) {
        this.batches = batches;
    }

    synchronized void joinFailed() {
        joining = false;
    }

    @Override
    public boolean send(byte[] utf8Frame) {
        if (!enqueue(utf8Frame)) {
            return false;
        }
        flush();
        return true;
    }

    @Override
    public synchronized boolean enqueue(byte[] frame) {
        if (closing) {
            return true;
        }
        if (queue.size() >= maxQueued || (!queue.isEmpty() && queuedBytes + frame.length > maxQueuedBytes)) {
            return false;
        }
        queue.addLast(frame);
        queuedBytes += frame.length;
        return true;
    }

    @Override
    public void flush() {
        synchronized (this) {
            if (writing || queue.isEmpty()) {
                return;
            }
            writing = true;
        }
        next();
    }

    @Override
    public void close(int code, String reason) {
        close(code, reason, false);
    }

    @Override
    public void abort(int code, String reason) {
        close(code, reason, true);
    }

    private void close(int code, String reason, boolean discardQueued) {
        boolean drainFirst;
        synchronized (this) {
            if (discardQueued) {
                queue.clear();
                queuedBytes = 0;
            }
            if (closing) {
                return;
            }
            closing = true;
            closeCode = code;
            closeReason = reason;
            if (writing) {
                return;
            }
            // Frames queued but not yet flushed go out before the close.
            drainFirst = !queue.isEmpty();
            writing = drainFirst;
        }
        if (drainFirst) {
            next();
        } else {
            closeSession(closeCode, closeReason);
        }
    }

    /** Writes messages with one flush: all but the last batched, the last completing the write. */
    private void write(List<Batches.Message> messages) {
        Callback failOnly = Callback.from(() -> { }, this::failed);
        int last = messages.size() - 1;
        for (int i = 0; i <= last; i++) {
            Batches.Piece[] pieces = messages.get(i).pieces();
            for (int j = 0; j < pieces.length; j++) {
                // A frame over the shared bytes, its own buffer position, no copy: a message in
                // several pieces is one text frame and its continuations (Batches).
                Batches.Piece p = pieces[j];
                boolean fin = j == pieces.length - 1;
                Frame frame = new Frame(j == 0 ? OpCode.TEXT : OpCode.CONTINUATION, fin,
                        ByteBuffer.wrap(p.bytes(), p.offset(), p.length()));
                boolean completes = fin && i == last;
                session.sendFrame(frame, completes ? Callback.from(this::next, this::failed) : failOnly, !completes);
            }
        }
    }

    private static List<Batches.Message> whole(List<byte[]> frames) {
        List<Batches.Message> out = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            out.add(Batches.Message.whole(frame));
        }
        return out;
    }

    private void failed(Throwable failure) {
        closeSession(1011, "send failed");
    }

    /** After a write went out: the frames queued meanwhile, or the pending close. */
    private void next() {
        List<byte[]> frames = null;
        boolean closeNow = false;
        synchronized (this) {
            if (queue.isEmpty()) {
                writing = false;
                closeNow = closing;
            } else {
                frames = new ArrayList<>(Math.min(queue.size(), MAX_FRAMES_PER_WRITE));
                int batchBytes = Batches.EMPTY_SIZE;
                while (!queue.isEmpty()) {
                    byte[] frame = queue.peekFirst();
                    batchBytes = Batches.sizeWith(batchBytes, frame);
                    if (batches ? !frames.isEmpty() && batchBytes > Batches.MAX_BYTES
                            : frames.size() == MAX_FRAMES_PER_WRITE) {
                        break;
                    }
                    queue.pollFirst();
                    queuedBytes -= frame.length;
                    frames.add(frame);
                }
            }
        }
        if (frames != null) {
            write(batches ? Batches.gather(frames) : whole(frames));
        } else if (closeNow) {
            closeSession(closeCode, closeReason);
        }
    }

    /** A WebSocket ping, beside whatever is being written ({@link Heartbeat}). */
    void ping() {
        if (!gone) {
            session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    /**
     * Ends a connection the client has gone silent on: what is queued is dropped, the close frame
     * goes out after any write in flight, and the connection is cut once it has, without waiting
     * for a close frame back that a client that stopped answering would not send (a write that
     * never completes is left to Jetty's idle timeout, which no ping resets any more). A connection
     * already closing is cut at once.
     */
    void closeSilent(int code, String reason) {
        boolean alreadyClosing;
        synchronized (this) {
            queue.clear();
            queuedBytes = 0;
            alreadyClosing = closing;
            if (!alreadyClosing) {
                closing = true;
                // A write in flight ends with the close (next), which must name the same code.
                closeCode = code;
                closeReason = reason;
            }
        }
        if (alreadyClosing) {
            session.abort(); // its close, sent or stuck behind a write, went unanswered
            return;
        }
        session.close(code, truncate(reason), Callback.from(session::abort, failure -> session.abort()));
    }

    private void closeSession(int code, String reason) {
        session.close(code, truncate(reason), Callback.NOOP);
    }

    /** A close reason must fit in a control frame (123 bytes). */
    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }
}
