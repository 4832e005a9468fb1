package dev.foyer.protocol;

import java.util.Locale;

/**
 * Stable error codes shared by the HTTP API and the real-time protocol. The wire form is the
 * snake_case {@link #wireName()}; clients branch on it, never on the human message.
 */
public enum ErrorCode {
    /** The request is malformed: unparseable JSON, wrong types, duplicate keys. */
    INVALID_REQUEST,
    /** A field is missing or has a value outside its documented range. */
    INVALID_FIELD,
    /** No credentials, or credentials that do not identify anyone. */
    UNAUTHENTICATED,
    /** A token that is malformed, forged, of the wrong kind or for the wrong audience. */
    INVALID_TOKEN,
    /** A token whose expiry has passed. */
    TOKEN_EXPIRED,
    /** A token that was revoked, or a single-use token already used. */
    TOKEN_REVOKED,
    /** Authenticated, but not allowed to do this. */
    FORBIDDEN,
    /** The meeting does not allow anonymous guests (access level is not Everyone). */
    ANONYMOUS_JOIN_NOT_ALLOWED,
    /** The browser's Origin is not one of the allowed origins. */
    ORIGIN_NOT_ALLOWED,
    /** No such resource, or one the caller may not see. */
    NOT_FOUND,
    /** No such meeting, or one the caller may not see. */
    MEETING_NOT_FOUND,
    /** The meeting has ended or expired; it accepts nothing new. */
    MEETING_ENDED,
    /** The request conflicts with the current state (a duplicate name, say). */
    CONFLICT,
    /** The HTTP method is not supported on this path. */
    METHOD_NOT_ALLOWED,
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE,
    /** The body's media type is not the one the endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Too many requests; retry after the time the server names. */
    RATE_LIMITED,
    /** The server is not ready (its database is unreachable, say). */
    UNAVAILABLE,
    /** A fault in the server; it is logged and never expected. */
    INTERNAL,

    // Real-time protocol only.
    /** A meeting message before a successful join. */
    NOT_JOINED,
    /** {@code join} or {@code resume} on a connection that has already joined. */
    ALREADY_JOINED,
    /** The protocol version asked for is not spoken here. */
    UNSUPPORTED_VERSION,
    /** The message type is not part of the protocol. */
    UNKNOWN_TYPE,
    /** The meeting is locked: only its leaders may enter. */
    MEETING_LOCKED,
    /** The meeting admits invited participants only. */
    NOT_INVITED,
    /** The action needs admission and the participant is waiting in the lobby. */
    IN_LOBBY,
    /** The addressed participant is not in the meeting. */
    UNKNOWN_PARTICIPANT,
    /** The resume credential is unknown, revoked or past its grace period: join again. */
    RESUME_FAILED,
    /** The meeting has as many participants as it takes. */
    TOO_MANY_PARTICIPANTS,
    /**
     * Media signaling refused: the meeting has more admitted participants than a peer-to-peer mesh
     * serves well (the server's {@code mesh-limit}). Chat and the roster keep working.
     */
    MESH_LIMIT_REACHED;

    /** The snake_case code carried on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
