package dev.foyer.server.error;

import dev.foyer.protocol.ErrorCode;

/**
 * A failure the caller can act on: a stable {@link ErrorCode} and a human sentence. Domain code
 * throws it without knowing about HTTP; the transport maps the code to a status.
 */
public class FoyerException extends RuntimeException {
    private final ErrorCode code;

    public FoyerException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static FoyerException invalidField(String field, String problem) {
        return new FoyerException(ErrorCode.INVALID_FIELD, field + ": " + problem);
    }

    public static FoyerException notFound(String what) {
        return new FoyerException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static FoyerException meetingNotFound() {
        return new FoyerException(ErrorCode.MEETING_NOT_FOUND, "no such meeting");
    }

    public static FoyerException forbidden(String why) {
        return new FoyerException(ErrorCode.FORBIDDEN, why);
    }
}
