package dev.foyer.server.token;

import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.Objects;

/**
 * The server's record of a join token it minted.
 *
 * @param appId the minting application, or null when a user or the meeting URL minted it
 * @param subject who the token admits: {@code guest:<applicationSessionId>}, {@code user:<id>}
 * @param consumedAt when its first successful join used it up, or null
 * @param tokenDigest the {@link TokenDigest} of the token as issued; null for tokens issued before
 *     digests were recorded (they are verified by signature)
 */
public record IssuedToken(
        String jti,
        TokenKind kind,
        MeetingId meetingId,
        String appId,
        String subject,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant consumedAt,
        String tokenDigest) {

    public IssuedToken {
        Objects.requireNonNull(jti, "jti == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(issuedAt, "issuedAt == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }
}
