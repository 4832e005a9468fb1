package dev.foyer.server.token;

import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verified claims of a join token: a guest, staff or organizer token bound to one meeting.
 * The token's signature, issuer, audience, type, kind and expiry have been checked; whether the
 * meeting still exists, the token is revoked or used up, or the Origin is allowed is for the
 * caller to check. Compare {@link #meetingId()} exactly with the meeting being joined.
 *
 * @param jti the token's unique id, for revocation and single use
 * @param kind {@link TokenKind#GUEST}, {@link TokenKind#STAFF} or {@link TokenKind#ORGANIZER}
 * @param subject who the token admits: {@code guest:<applicationSessionId>}, {@code user:<id>}
 * @param appId the minting application's id, or null when a user or the meeting URL minted it
 * @param applicationSessionId the application's session id for an anonymous guest, or null
 * @param displayName the name to show, or null to let the participant choose
 * @param role {@link JoinTokenRequest#PRESENTER}, {@link JoinTokenRequest#ATTENDEE}, or null
 * @param allowedOrigins browser origins allowed to use the token; empty when none were named
 */
public record JoinClaims(
        String jti,
        TokenKind kind,
        MeetingId meetingId,
        String subject,
        String appId,
        String applicationSessionId,
        String displayName,
        String role,
        List<String> allowedOrigins,
        Instant issuedAt,
        Instant expiresAt) {

    public JoinClaims {
        Objects.requireNonNull(jti, "jti == null");
        Objects.requireNonNull(kind, "kind == null");
        if (!kind.isJoinToken()) {
            throw new IllegalArgumentException("kind is not a join token kind: " + kind);
        }
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(subject, "subject == null");
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        Objects.requireNonNull(issuedAt, "issuedAt == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }
}
