package dev.foyer.server.live.runtime;

/**
 * One client connection as the meeting runtime sees it. Implemented by the WebSocket transport;
 * every method is safe to call from any thread and never blocks.
 */
public interface Connection {
    /** The browser's Origin header at the handshake, or null for non-browser clients. */
    String origin();

    /**
     * Queues a text frame, already UTF-8, and starts writing it. Returns false when the
     * connection's bounded outbound queue is full: the client cannot keep up, and the runtime
     * closes it (it may resume).
     */
    boolean send(byte[] utf8Frame);

    /**
     * Queues a text frame, already UTF-8, without starting a write; {@link #flush()} starts it. A
     * meeting encodes each message once and queues the same bytes for every recipient, queues
     * everything a batch has for a connection, then flushes once, so those frames leave together
     * in one write. The array is shared: nobody may change it. Returns false when the queue is
     * full, as {@link #send} does.
     */
    boolean enqueue(byte[] utf8Frame);

    /** Starts writing what {@link #enqueue} queued, unless a write in flight will take it anyway. */
    void flush();

    /** Sends a close frame with {@code code} and {@code reason}, after what is already queued (flushed or not). */
    void close(int code, String reason);

    /**
     * Discards what is queued and closes with {@code code}: for a client that cannot keep up, whose
     * backlog would only hold memory (on resume it gets the sequenced events it missed anyway).
     */
    void abort(int code, String reason);
}
