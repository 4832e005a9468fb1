package dev.foyer.server.live;

import dev.foyer.server.discovery.IceServer;
import java.time.Instant;
import java.util.List;

/**
 * The ICE servers a participant's client uses for media, sent in its {@code joined}: STUN, and
 * TURN with credentials minted for that participant (coturn's {@code use-auth-secret} scheme,
 * username {@code <expiry>:<participantId>}). Pure: it computes, it does no I/O.
 */
@FunctionalInterface
public interface MediaAccess {
    /** No ICE servers: clients rely on host candidates only. */
    MediaAccess NONE = (participantId, tokenExpiresAt, now) -> List.of();

    /**
     * @param tokenExpiresAt when the participant's join token expires (null if unknown)
     * @param now the meeting's current time
     */
    List<IceServer> iceServers(String participantId, Instant tokenExpiresAt, Instant now);
}
