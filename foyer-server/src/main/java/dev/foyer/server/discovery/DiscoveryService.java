package dev.foyer.server.discovery;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.TokenVerifier;
import dev.foyer.server.web.OriginPolicy;
import dev.foyer.server.web.PublicUrls;
import java.time.Clock;

/**
 * Exchanges a join token for the meeting's signaling endpoint and ICE servers. The token must be
 * genuine, unexpired, unrevoked, used from an allowed origin, and its meeting still open.
 */
public final class DiscoveryService {
    private final TokenVerifier verifier;
    private final IssuedTokenStore issued;
    private final MeetingService meetings;
    private final PublicUrls urls;
    private final Clock clock;
    private final IceServers iceServers;

    public DiscoveryService(TokenVerifier verifier, IssuedTokenStore issued, MeetingService meetings,
            PublicUrls urls, Clock clock, IceServers iceServers) {
        this.verifier = verifier;
        this.issued = issued;
        this.meetings = meetings;
        this.urls = urls;
        this.clock = clock;
        this.iceServers = iceServers;
    }

    /**
     * Verifies the token and everything it stands for; see the class comment. The token's record
     * is read once: it proves the token genuine (its digest, see {@link TokenVerifier}) and says
     * whether it was revoked.
     */
    public JoinClaims verify(String token, String origin) {
        IssuedToken[] found = new IssuedToken[1];
        JoinClaims claims = verifier.verifyJoin(token, jti -> {
            found[0] = issued.find(jti).orElse(null);
            return found[0] == null ? null : found[0].tokenDigest();
        });
        IssuedToken record = found[0];
        if (record == null || !record.jti().equals(claims.jti())) {
            throw new FoyerException(ErrorCode.INVALID_TOKEN, "this server did not issue that token");
        }
        if (record.revokedAt() != null) {
            throw new FoyerException(ErrorCode.TOKEN_REVOKED, "the token was revoked");
        }
        OriginPolicy.check(claims.allowedOrigins(), origin, urls.origin());
        return claims;
    }

    public Discovery discover(String token, String origin) {
        JoinClaims claims = verify(token, origin);
        Meeting meeting = meetings.find(claims.meetingId()).orElseThrow(FoyerException::meetingNotFound);
        if (meeting.isOver(clock.instant())) {
            throw new FoyerException(ErrorCode.MEETING_ENDED, "the meeting has ended");
        }
        // No participant exists yet: these TURN credentials are named after the token. Clients use
        // the participant's own, which arrive in `joined` (docs/protocol.md).
        return new Discovery(meeting, urls.signalingUrl(meeting.id()),
                iceServers.forUser(claims.jti(), claims.expiresAt()), claims.expiresAt());
    }
}
