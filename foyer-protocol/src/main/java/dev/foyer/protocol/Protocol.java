package dev.foyer.protocol;

/** Constants of the real-time protocol (see docs/protocol.md). */
public final class Protocol {
    /** The protocol version this build speaks. */
    public static final int VERSION = 1;
    /** Largest frame either side sends, in bytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Longest chat line, in characters. */
    public static final int MAX_CHAT_CHARS = 4000;

    private Protocol() {}
}
