package dev.foyer.sdk;

/**
 * A failure the SDK reports: a join that could not complete, a session that could not be
 * resumed, a request the server refused. Branch on {@link #kind()}; show {@link #getMessage()}
 * to people (it is a human sentence, never a token or a secret).
 */
public final class FoyerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely enough to decide what to do next. */
    public enum Kind {
        /** The meeting URL is not a Foyer meeting URL ({@code https://host/meet/organizer/id}). */
        INVALID_MEETING_URL,
        /** No such meeting, or one this token may not see. */
        MEETING_NOT_FOUND,
        /** The meeting has ended or expired. */
        MEETING_ENDED,
        /** The meeting is full. */
        MEETING_FULL,
        /** The join token has expired: ask your back-end for a new one. */
        TOKEN_EXPIRED,
        /** The join token is malformed, revoked or already used: ask your back-end for a new one. */
        TOKEN_INVALID,
        /** A presenter denied entry, or the lobby wait timed out. */
        DENIED,
        /** Not allowed: the meeting is locked or invited-only, anonymous join is off, or the action needs a presenter. */
        FORBIDDEN,
        /** The server is unreachable or the connection was lost and could not be resumed in time. */
        NETWORK,
        /** The session could not be resumed (the grace period passed, or this participant was removed). */
        SESSION_LOST,
        /** Too many requests; try again later. */
        RATE_LIMITED,
        /** A request the server rejected as invalid (a text too long, an unknown participant...). */
        INVALID_REQUEST,
        /** Anything else the server reported, or an answer this SDK could not understand. */
        SERVER
    }

    /** What went wrong. */
    private final Kind kind;
    /** The server's error code, or null for a local failure. */
    private final String serverCode;

    /**
     * @param kind what went wrong
     * @param message a human sentence
     * @param serverCode the server's stable error code ({@code "token_expired"}), or null
     * @param cause the underlying exception, or null
     */
    public FoyerException(Kind kind, String message, String serverCode, Throwable cause) {
        super(message, cause);
        if (kind == null) {
            throw new NullPointerException("kind == null");
        }
        this.kind = kind;
        this.serverCode = serverCode;
    }

    /** Same as {@code new FoyerException(kind, message, null, null)}. */
    public FoyerException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The server's snake_case error code ({@code "meeting_ended"}), or null if the failure was local. */
    public String serverCode() {
        return serverCode;
    }

    @Override
    public String toString() {
        return "FoyerException{" + kind + (serverCode == null ? "" : ", " + serverCode) + ": " + getMessage() + "}";
    }
}
