package dev.foyer.sdk.internal;

import dev.foyer.sdk.FoyerException;
import dev.foyer.sdk.FoyerException.Kind;

/** Turns the server's stable error codes into the SDK's typed errors. */
public final class Errors {
    private Errors() {}

    /** The error for a server {@code code} with its human {@code message}. */
    public static FoyerException fromServer(String code, String message) {
        String text = message == null || message.isEmpty() ? "the server refused the request (" + code + ")" : message;
        return new FoyerException(kind(code), text, code, null);
    }

    static Kind kind(String code) {
        if (code == null) {
            return Kind.SERVER;
        }
        switch (code) {
            case "meeting_not_found":
            case "not_found":
                return Kind.MEETING_NOT_FOUND;
            case "meeting_ended":
                return Kind.MEETING_ENDED;
            case "too_many_participants":
                return Kind.MEETING_FULL;
            case "token_expired":
                return Kind.TOKEN_EXPIRED;
            case "invalid_token":
            case "token_revoked":
            case "unauthenticated":
                return Kind.TOKEN_INVALID;
            case "forbidden":
            case "anonymous_join_not_allowed":
            case "origin_not_allowed":
            case "meeting_locked":
            case "not_invited":
            case "in_lobby":
                return Kind.FORBIDDEN;
            case "resume_failed":
                return Kind.SESSION_LOST;
            case "rate_limited":
                return Kind.RATE_LIMITED;
            case "invalid_request":
            case "invalid_field":
            case "unknown_participant":
            case "unknown_type":
            case "not_joined":
            case "already_joined":
            case "unsupported_version":
                return Kind.INVALID_REQUEST;
            default:
                return Kind.SERVER;
        }
    }

    /** A network failure with a human message. */
    public static FoyerException network(String what, Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new FoyerException(Kind.NETWORK, what + detail, null, cause);
    }
}
