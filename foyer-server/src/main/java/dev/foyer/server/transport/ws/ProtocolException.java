package dev.foyer.server.transport.ws;

import dev.foyer.protocol.ErrorCode;
import java.util.Objects;

/**
 * A client frame the protocol rejects, with the stable {@link ErrorCode} to send back and the
 * request id ({@code re}) to echo. The message is written for the client: it names the field at
 * fault but never repeats the client's input, which may be large or hostile.
 *
 * <p>No stack trace is captured: a hostile client can make these at the rate it sends frames,
 * and the place they are thrown is always the codec.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String requestId, String message) {
        super(Objects.requireNonNull(message, "message == null"), null, false, false);
        this.code = Objects.requireNonNull(code, "code == null");
        this.requestId = requestId;
    }

    /** The error code for the client's {@code error} message. */
    public ErrorCode code() {
        return code;
    }

    /** The client's request id, to echo as {@code re}; null if the frame had none (or it was unreadable). */
    public String requestId() {
        return requestId;
    }
}
