package dev.foyer.server.transport.ws;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's socket, on Jetty's WebSocket core: Jetty calls it one event at a time, each after
 * the last, and reads the next frame only once this socket asks ({@link CoreSession#demand()}).
 * It makes messages of frames — a text message's fragments joined, its UTF-8 checked — answers
 * pings, and hands whole text messages to its {@link Events}. Jetty's core does the rest of RFC
 * 6455: frame parsing, control frames' and fragments' order, the close handshake.
 *
 * <p>Core rather than Jetty's WebSocket API, whose layer on top made a method handle for each
 * connection's message sinks when it opened, passed every frame through layers of method handles
 * and held a 4 KiB decoding buffer per message: about 4% of the server's CPU in a join storm
 * (docs/performance.md, item 66).
 */
final class SignalingSocket implements FrameHandler {
    /** What a socket reports, on the thread Jetty called it on. */
    interface Events {
        /** The socket is open: the connection that frames are written to. */
        WsConnection opened(CoreSession session);

        /** A whole text message, its UTF-8 checked. */
        void text(WsConnection conn, String message);

        /** The socket has closed, from either side. */
        void closed(WsConnection conn);
    }

    private static final Logger log = LoggerFactory.getLogger(SignalingSocket.class);

    private final Events events;
    private final int maxTextBytes;
    private final int maxBinaryBytes;
    private CoreSession session;
    private WsConnection conn;
    /** Whether the message under way is text (else binary, which is counted, not kept). */
    private boolean text;
    /** A text message's fragments so far; null between fragmented messages. */
    private byte[] partial;
    /** The bytes of the message under way so far. */
    private int partialLength;

    SignalingSocket(Events events, int maxTextBytes, int maxBinaryBytes) {
        this.events = events;
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        this.session = session;
        this.conn = events.opened(session);
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        conn.heard();
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.CLOSE) {
            callback.succeeded(); // Jetty answers it, then calls onClosed
            return;
        }
        try {
            switch (opCode) {
                case OpCode.PING -> session.sendFrame(pong(frame), Callback.NOOP, false);
                case OpCode.PONG -> { } // heard: that is all a pong is for
                case OpCode.TEXT, OpCode.BINARY -> {
                    text = opCode == OpCode.TEXT;
                    partialLength = 0;
                    append(frame);
                }
                case OpCode.CONTINUATION -> append(frame);
                default -> { } // Jetty refuses other opcodes before they get here
            }
        } catch (RuntimeException e) { // a CloseException names the close code (1007, 1009); anything else 1011
            partial = null;
            callback.failed(e);
            return;
        }
        callback.succeeded();
        session.demand();
    }

    /** The answer to a ping: its payload, copied (Jetty reuses the ping's buffer once this returns). */
    private static Frame pong(Frame ping) {
        Frame pong = new Frame(OpCode.PONG);
        return ping.hasPayload() ? pong.setPayload(BufferUtil.copy(ping.getPayload())) : pong;
    }

    /** Adds a data frame to the message under way, and passes the message on when it is whole. */
    private void append(Frame frame) {
        ByteBuffer payload = frame.hasPayload() ? frame.getPayload() : BufferUtil.EMPTY_BUFFER;
        int length = payload.remaining();
        int max = text ? maxTextBytes : maxBinaryBytes;
        if (length > max - partialLength) {
            throw new MessageTooLargeException((text ? "text" : "binary") + " message larger than " + max + " bytes");
        }
        if (!text) {
            partialLength += length; // binary messages are not part of the protocol: ignored
            return;
        }
        if (frame.isFin() && partialLength == 0) {
            events.text(conn, decode(payload)); // one frame, the usual message: no copy to assemble it
            return;
        }
        if (partial == null || partial.length < partialLength + length) {
            byte[] grown = new byte[Math.min(max, Math.max(partialLength + length, 2 * partialLength))];
            if (partial != null) {
                System.arraycopy(partial, 0, grown, 0, partialLength);
            }
            partial = grown;
        }
        payload.get(partial, partialLength, length);
        partialLength += length;
        if (frame.isFin()) {
            String message = decode(ByteBuffer.wrap(partial, 0, partialLength));
            partial = null;
            events.text(conn, message);
        }
    }

    /** A text message's text; invalid UTF-8 closes the socket (1007). */
    private static String decode(ByteBuffer utf8) {
        String text = Utf8.decode(utf8);
        if (text == null) {
            throw new BadPayloadException("text message is not valid UTF-8");
        }
        return text;
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        log.debug("websocket error", cause);
        callback.succeeded(); // Jetty closes the socket; onClosed follows
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        if (conn != null) {
            events.closed(conn);
        }
        callback.succeeded();
    }
}
