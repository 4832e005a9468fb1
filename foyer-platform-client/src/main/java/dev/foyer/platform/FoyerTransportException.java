package dev.foyer.platform;

/**
 * No usable answer came from the server: the connection failed, the call timed out, the calling
 * thread was interrupted, or the response could not be read. The cause, when there is one, is the
 * underlying {@link java.io.IOException}.
 *
 * <p>Idempotent calls ({@code getMeeting}, {@code listMeetings}, {@code endMeeting}) have already
 * been retried on connection failures before this is thrown. A creating call ({@code POST}) never
 * is: after a timeout the server may or may not have acted on it.
 */
public final class FoyerTransportException extends FoyerException {
    private static final long serialVersionUID = 1L;

    FoyerTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
