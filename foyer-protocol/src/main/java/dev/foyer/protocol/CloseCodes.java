package dev.foyer.protocol;

/**
 * WebSocket close codes of the real-time protocol. Codes 4000–4099 are final: the client should
 * not reconnect. Codes 4100–4199 invite a {@code resume}.
 */
public final class CloseCodes {
    /** After the client's {@code leave}. */
    public static final int NORMAL = 1000;
    /** The server heard nothing within its idle timeout (the heartbeat failed). */
    public static final int IDLE = 1001;
    /** The connection broke without a close frame (reported by clients, never sent). */
    public static final int ABNORMAL = 1006;
    /** A frame larger than the server accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The meeting ended. */
    public static final int MEETING_ENDED = 4001;
    /** A presenter removed the participant. */
    public static final int REMOVED = 4003;
    /** Denied in the lobby, or the lobby wait timed out. */
    public static final int DENIED = 4004;
    /** A newer join took over this participant. */
    public static final int REPLACED = 4005;
    /** Authentication or admission failed at join. */
    public static final int AUTHENTICATION_FAILED = 4008;
    /** No {@code join} within the allowed time. */
    public static final int JOIN_TIMEOUT = 4010;
    /** The outbound queue overflowed: the client could not keep up. */
    public static final int TOO_SLOW = 4100;
    /** The server is shutting down. */
    public static final int GOING_AWAY = 4101;
    /** A sustained flood of messages. */
    public static final int FLOOD = 4103;

    private CloseCodes() {}

    /** Whether a client closed with {@code code} should reconnect and resume. */
    public static boolean invitesResume(int code) {
        return code >= 4100 && code < 4200 || code == IDLE || code == ABNORMAL || code == MESSAGE_TOO_BIG
                || code == 1011;
    }
}
