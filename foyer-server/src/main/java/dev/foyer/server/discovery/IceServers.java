package dev.foyer.server.discovery;

import dev.foyer.server.live.MediaAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured STUN and TURN servers, and the time-limited TURN credentials (coturn's
 * {@code use-auth-secret}) that go with them. Discovery hands out a set named after the join
 * token's id; each {@code joined} carries a set named after the participant
 * ({@code <expiry>:<participantId>}), which is what clients use for media.
 */
public final class IceServers implements MediaAccess {
    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final String turnSecret;
    private final Duration turnCredentialTtl;

    /**
     * @param turnSecret coturn's {@code static-auth-secret}; without it no TURN server is offered
     * @param turnCredentialTtl how long credentials last for a participant whose token has expired
     *     (one that resumes late in a long meeting)
     */
    public IceServers(List<String> stunUrls, List<String> turnUrls, String turnSecret, Duration turnCredentialTtl) {
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.turnSecret = turnSecret;
        this.turnCredentialTtl = turnCredentialTtl;
    }

    /** TURN credentials expire with the join token, or {@code turnCredentialTtl} from now once it has. */
    @Override
    public List<IceServer> iceServers(String participantId, Instant tokenExpiresAt, Instant now) {
        Instant expiry = tokenExpiresAt != null && tokenExpiresAt.isAfter(now) ? tokenExpiresAt
                : now.plus(turnCredentialTtl);
        return forUser(participantId, expiry);
    }

    /** STUN, and TURN with credentials for {@code userId} valid until {@code expiry}. */
    public List<IceServer> forUser(String userId, Instant expiry) {
        List<IceServer> servers = new ArrayList<>();
        if (!stunUrls.isEmpty()) {
            servers.add(new IceServer(stunUrls, null, null));
        }
        if (!turnUrls.isEmpty() && turnSecret != null) {
            TurnCredentials credentials = TurnCredentials.create(turnSecret, userId, expiry);
            servers.add(new IceServer(turnUrls, credentials.username(), credentials.credential()));
        }
        return servers;
    }
}
